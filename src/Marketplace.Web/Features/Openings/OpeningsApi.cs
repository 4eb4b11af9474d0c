using Marketplace.Matching.Pay;
using Marketplace.Web.Features.PublicCache;

namespace Marketplace.Web.Features.Openings;

/// <summary>Read-only JSON for published openings, with the same query parameters as the /openings page.</summary>
public static class OpeningsApi
{
    public static IEndpointRouteBuilder MapOpeningsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/openings").CacheForAnonymous();
        api.MapGet("/", async (HttpRequest request, OpeningSearch search, CancellationToken ct) =>
        {
            var result = await search.SearchAsync(OpeningQuery.FromRequest(request.Query), ct);
            return Results.Ok(new
            {
                result.Page,
                result.PageSize,
                result.Total,
                result.TotalCapped,
                result.PageCount,
                Assumptions = PayAssumptions,
                Items = result.Items,
            });
        });
        api.MapGet("/{id:int}", async (int id, OpeningSearch search, CancellationToken ct) =>
        {
            var o = await search.FindPublicAsync(id, ct);
            return o is null
                ? Results.NotFound()
                : Results.Ok(new
                {
                    o.Id, o.NoticeId, Organization = new { o.Organization!.Code, o.Organization.NameJa, o.Organization.NameEn, o.Organization.PrefectureCode },
                    Status = o.Status.ToString(), o.RoleCode, o.EngagementCode, o.Title, o.Description, o.Duties, o.Rank, o.Positions,
                    Term = new { o.FirstTermMonths, o.StartDate, RenewalRule = o.RenewalRule.ToString(), o.RenewalMaxCount, o.RenewalMaxTotalMonths, o.FollowOnTermMonths, o.TermNotes },
                    Pay = new { o.PayAmountYen, PayUnit = o.PayUnit.ToString(), o.PayTaxIncluded, o.AllowancesIncluded, o.CommutingAllowancePaid, o.PayNotes, o.DayRateYen, o.AnnualEquivalentYen },
                    WorkStyle = new { o.DaysPerWeek, o.OnsiteDays, OnsitePeriod = o.OnsitePeriod.ToString(), o.OnsiteDaysPerMonth, o.RemoteAllowed, o.WorkLocation, o.WorkStyleNotes },
                    RequiredSkills = o.RequiredSkillCodes, PreferredSkills = o.PreferredSkillCodes,
                    o.PublicSectorExperienceRequired, o.CertifiedCioOnly, o.ApplicationDeadline, o.SelectionSteps, o.PublishedAt,
                    Assumptions = PayAssumptions,
                });
        });
        return app;
    }

    private static readonly object PayAssumptions = new
    {
        ComparablePay.WorkingWeeksPerYear,
        ComparablePay.HoursPerDay,
        ComparablePay.ConsumptionTaxRate,
    };
}
