using Marketplace.Data.Entities;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>
/// A sign-in for an unknown address checks the password against a stand-in hash. It must cost what a real account's
/// check costs, so it is made with the app's hash settings: one made with Identity's defaults (100,000 iterations)
/// took far longer than a real check wherever the settings differ, which tells a guesser which addresses exist.
/// </summary>
[Collection(PeopleCollection.Name)]
public class UnknownAddressHashTests(MarketplaceFactory factory)
{
    [Theory]
    [InlineData(1_234)]
    [InlineData(4_321)]
    public void StandIn_IsMadeWithTheConfiguredIterations(int iterations)
    {
        var hasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));

        var hash = new UnknownAddressHash().Of(hasher);

        Assert.Equal(iterations, IterationsOf(hash));
    }

    [Fact]
    public async Task StandIn_InTheApp_CostsWhatADemoAccountsCheckCosts()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = await users.Users.AsNoTracking().FirstAsync(u => u.Email == WebClientExtensions.Expert);

        var standIn = scope.ServiceProvider.GetRequiredService<UnknownAddressHash>().Of(users.PasswordHasher);

        Assert.Equal(IterationsOf(account.PasswordHash!), IterationsOf(standIn));
    }

    /// <summary>The iteration count of an Identity v3 hash: format byte, PRF (4 bytes), iterations (4 bytes, big-endian).</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}
