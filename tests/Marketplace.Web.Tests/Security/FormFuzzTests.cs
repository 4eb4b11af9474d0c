using Marketplace.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Web.Tests.Security;

/// <summary>
/// Issue 16, the fuzzing of forms: every field of every POST handler (what model binding reads, plus the fields of the
/// form on the page) sent hostile and malformed values by a party the route serves, with the seed and walk of
/// <see cref="FuzzTests"/> (which sends the query strings), on an attack world of its own so the two run side by side.
/// Fails on any 5xx and on any HTML payload echoed unescaped into an HTML page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FormFuzzTests(AttackWorld w, ITestOutputHelper output) : IClassFixture<AttackWorld>
{
    [SqliteOnlyFact]
    public Task EveryForm_HostileValues_NoServerErrorNoUnescapedEcho() => FuzzTests.FuzzAsync(w, output, posts: true);
}
