namespace Marketplace.Web.Jobs;

/// <summary>Hourly: the embedded database's table statistics follow its growth (see <see cref="Data.MarketplaceDbContext.RefreshPlannerStatisticsAsync"/>).</summary>
public sealed class PlannerStatisticsJob(Data.MarketplaceDbContext db)
{
    public Task Run() => db.RefreshPlannerStatisticsAsync();
}
