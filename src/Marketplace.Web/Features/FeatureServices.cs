using Marketplace.Web.Features.Corrections;
using Marketplace.Web.Features.TwoFactor;
using Marketplace.Web.Features.Dashboard;
using Marketplace.Web.Features.Openings;
using Marketplace.Web.Features.PublicCache;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Accounts;
using Marketplace.Web.Features.Seeding;
using Marketplace.Web.Features.Taxonomy;
using Marketplace.Web.Features.Help;
using Marketplace.Web.Features.Coverage;
using Marketplace.Web.Features.Cases;
using Marketplace.Web.Features.SavedSearches;
using Marketplace.Web.Features.Quotas;
using Marketplace.Web.Features.PastResults;
using Marketplace.Web.Features.Import;
using Marketplace.Web.Features.PayBenchmark;

namespace Marketplace.Web.Features;

public static class FeatureServices
{
    public static IServiceCollection AddMarketplaceFeatures(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<Notifications.SiteOptions>(o =>
        {
            config.GetSection("Site").Bind(o);
            if (string.IsNullOrWhiteSpace(o.BaseUrl))
            {
                var listen = (config["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                o.BaseUrl = listen is not null && !listen.Contains('*') && !listen.Contains("+:") && !listen.Contains("0.0.0.0") ? listen : "http://127.0.0.1:5080";
            }
        });
        services.AddHttpContextAccessor();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Notifications.NotificationPreferences>();
        services.AddScoped<Notifications.ApplicationNotifications>();
        services.AddScoped<Notifications.ProposalNotifications>();
        services.AddScoped<Notifications.DispatchNotifications>();
        services.AddScoped<Notifications.Reminders>();
        services.AddScoped<Notifications.OutboxAdmin>();
        services.AddScoped<Notifications.RecommendationDigest>();
        services.AddScoped<Notifications.DeadlineJobs>();
        services.Configure<Notifications.RetentionOptions>(config.GetSection("Retention"));
        services.AddScoped<Notifications.MailRetention>();
        services.AddSingleton<Notifications.SentLedger>();
        services.AddSingleton<Notifications.OutboxSender>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => TaxonomyCatalog.Load(SeedFiles.PathOf("taxonomy.json"), SeedFiles.PathOf("prefectures.csv")));
        services.AddScoped<OpeningService>();
        services.AddScoped<OpeningAttachments>();
        services.AddScoped<OpeningSearch>();
        services.AddSingleton<KeywordMatchCache>();
        services.AddSingleton<OpeningSearchSnapshots>();
        services.AddScoped<OpeningDisplay>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<AccountService>();
        services.AddScoped<CredentialService>();
        services.AddTwoFactor();
        services.AddScoped<Experts.ExpertProfileService>();
        services.AddScoped<Experts.AccountDeletion>();
        services.AddScoped<Experts.PersonalDataExport>();
        services.AddScoped<Experts.ProfileDisplay>();
        services.AddScoped<Applications.ApplicationService>();
        services.AddScoped<Applications.ConflictOfInterest>();
        services.AddScoped<Matching.MatchingService>();
        services.AddOptions<Matching.MatchingSpreadSettings>().BindConfiguration("Matching:Spread");
        services.AddScoped<Matching.MatchingTraining>();
        services.AddScoped<Matching.TrainingDisplay>();
        services.AddSingleton<Matching.RankerCache>();
        services.AddOptions<Matching.ExpertIndexOptions>();
        services.AddSingleton<Matching.ExpertIndexHost>();
        services.AddHostedService<Matching.ExpertIndexPoller>();
        services.AddScoped<Matching.InvitationService>();
        services.AddScoped<Proposals.CallService>();
        services.AddScoped<Proposals.CallDisplay>();
        services.AddScoped<Proposals.VendorService>();
        services.AddScoped<Proposals.ProposalService>();
        services.AddScoped<Proposals.EvaluationService>();
        services.AddScoped<Dispatch.RoundService>();
        services.AddScoped<Dispatch.CertificationService>();
        services.AddScoped<Dispatch.ReadinessService>();
        services.AddScoped<Dispatch.RequestService>();
        services.AddScoped<Dispatch.DispatchMatchingService>();
        services.AddScoped<Dispatch.DispatchService>();
        services.AddScoped<Dispatch.IncentiveService>();
        services.AddScoped<Dispatch.DispatchDashboard>();
        services.AddHelp();
        services.AddCoverageMap();
        services.AddCases();
        services.AddCorrections();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<DispatchDemoSeeder>();
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
