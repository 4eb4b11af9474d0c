using Xunit.Abstractions;
using Xunit.Sdk;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// Marks a test class or test as slow (<c>Category=Slow</c>): it drives a browser, a mail server, PostgreSQL, Redis or
/// another process, or takes seconds on its own. <c>dotnet test --filter "Category!=Slow"</c> leaves these out for a
/// quick loop; the full suite and CI run them. The fact attributes of the outside servers
/// (<see cref="ChromiumFactAttribute"/>, <see cref="SmtpFactAttribute"/>, <see cref="PostgresFactAttribute"/>,
/// <see cref="RedisFactAttribute"/>) carry the same trait through <see cref="SlowTraitDiscoverer"/>.
/// </summary>
[TraitDiscoverer(SlowTraitDiscoverer.TypeName, SlowTraitDiscoverer.AssemblyName)]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SlowAttribute : Attribute, ITraitAttribute;

/// <summary>Gives every attribute it is named on the trait <c>Category=Slow</c>.</summary>
public sealed class SlowTraitDiscoverer : ITraitDiscoverer
{
    public const string TypeName = "Marketplace.Web.Tests.Infrastructure.SlowTraitDiscoverer";
    public const string AssemblyName = "Marketplace.Web.Tests";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Category", "Slow")];
}
