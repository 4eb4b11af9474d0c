using Xunit.Abstractions;

[assembly: TestCollectionOrderer(Marketplace.Web.Tests.Infrastructure.SharedAppsFirst.TypeName, Marketplace.Web.Tests.Infrastructure.SharedAppsFirst.AssemblyName)]

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// Starts the collections that share one app first: each is a long chain of classes run one after another, and a chain
/// started last kept one core busy alone at the end of the run while the other had nothing to do. Every other
/// collection (a class with an app of its own, or none) follows in xunit's default order and fills the gaps.
/// </summary>
public sealed class SharedAppsFirst : ITestCollectionOrderer
{
    public const string TypeName = "Marketplace.Web.Tests.Infrastructure.SharedAppsFirst";
    public const string AssemblyName = "Marketplace.Web.Tests";

    private static readonly string[] Shared = [WebCollection.Name, PeopleCollection.Name, Calls.ProposalCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Shared, c.DisplayName) is var i and >= 0 ? i : Shared.Length);
}
