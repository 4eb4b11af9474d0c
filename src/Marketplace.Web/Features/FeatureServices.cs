using Marketplace.Web.Features.Corrections;
using Marketplace.Web.Features.Coverage;
using Marketplace.Web.Features.Dashboard;
using Marketplace.Web.Features.Experts;
using Marketplace.Web.Features.Help;
using Marketplace.Web.Features.Import;
using Marketplace.Web.Features.Matching;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.PastResults;
using Marketplace.Web.Features.PayBenchmark;
using Marketplace.Web.Features.Quotas;
using Marketplace.Web.Features.SavedSearches;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Features.TwoFactor;

namespace Marketplace.Web.Features;

/// <summary>Every feature's own registration (each in its folder's <c>*Services.cs</c> or setup file), in one list.</summary>
public static class FeatureServices
{
    public static IServiceCollection AddMarketplaceFeatures(this IServiceCollection services, IConfiguration config)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddTaxonomy();
        services.AddNotifications(config);
        services.AddOpenings();
        services.AddOrganizations();
        services.AddAccounts();
        services.AddTwoFactor();
        services.AddExperts();
        services.AddApplications();
        services.AddMatching();
        services.AddCalls();
        services.AddDispatch();
        services.AddHelp();
        services.AddCoverage();
        services.AddCases();
        services.AddCorrections();
        services.AddSeeding();
        services.AddDashboard();
        services.AddSavedSearches();
        services.AddPastResults();
        services.AddImport();
        services.AddQuotas(config);
        services.AddPublicCache(config);
        services.AddPayBenchmark();
        return services;
    }
}
