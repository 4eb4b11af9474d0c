using Marketplace.Matching.Pay;
using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Features.Calls;

/// <summary>Read-only JSON for published calls for proposals, with the same query parameters as the /calls page.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calls").WithTags("Calls").CacheForAnonymous();
        api.MapGet("/", async (string? q, string? prefecture, string? status, string? page, CallService calls, CallDisplay display, CancellationToken ct) =>
        {
            var result = await calls.SearchPublicAsync(q, prefecture, status, Paging.PageNumber(page), ct);
            return Results.Ok(new
            {
                result.Page, result.PageSize, result.Total, result.PageCount,
                Items = result.Items.Select(c => Summary(c, display)),
            });
        }).WithName("ListCalls")
          .WithSummary("Published calls for proposals: q (keywords), prefecture (JIS code), status (open, closed, awarded; all when absent), page (20 a page), newest first.");
        api.MapGet("/{id:int}", async (int id, ProposalService proposals, EvaluationService evaluation, CallService calls, PostingCorrections corrections, CallDisplay display, CancellationToken ct) =>
        {
            var c = await proposals.FindPublicCallAsync(id, ct);
            if (c is null) return Results.NotFound();
            var result = await evaluation.PublicResultAsync(c, ct);
            var attachments = await calls.AttachmentsAsync(id, ct);
            var log = await corrections.ForCallAsync(id, ct);
            return Results.Ok(new
            {
                Call = Summary(c, display),
                c.Purpose, c.Scope, c.Department, Serves = c.ServesCode, c.ServesDetail, TravelExpenses = c.TravelExpenses.ToString(),
                c.OnsiteNotes, c.Eligibility, c.QuestionDeadline, c.PresentationDate, c.ResultDate,
                Roles = c.Roles.OrderBy(r => r.SortOrder).Select(r => new { r.Name, r.MustBeOwnEmployee, r.MayCombine }),
                Criteria = c.Criteria.OrderBy(r => r.SortOrder).Select(r => new { r.Name, r.Description, r.Weight }),
                Scoring = new { c.ScoreScale, c.PriceWeight, PriceFormula = c.PriceFormula.ToString() },
                Attachments = attachments.Select(a => new { a.FileName, a.SizeBytes, Url = $"/calls/{id}/attachments/{a.Id}" }),
                Result = result is null ? null : new
                {
                    Winner = result.WinnerName, result.ContractAmountYen, TaxIncluded = result.TaxIncluded,
                    ProposalCount = result.ProposalCount > 0 ? result.ProposalCount : (int?)null, result.AwardedAt,
                    Totals = result.Totals.Select(x => new { x.Rank, x.Total, x.Winner }),
                    EarlyAwardReason = c.EarlyAwardReason,
                },
                Corrections = log.Select(x => new { x.CorrectedAt, x.Reason, Changes = x.Changes.Select(f => new { f.Field, f.Before, f.After }) }),
                Ocds = $"/api/ocds/calls/{id}",
            });
        }).WithName("GetCall")
          .WithSummary("One published call: terms, roles, criteria, attachments, corrections and, once awarded, the result (also for past calls recorded after the fact).");
        return app;
    }

    private static object Summary(ProposalCall c, CallDisplay display)
    {
        var equivalent = ComparablePay.CallEquivalent(c.CeilingYen, c.CeilingTaxIncluded, CallDisplay.Months(c), c.OnsiteDaysPerWeek);
        return new
        {
            c.Id, c.Title,
            Organization = new { c.Organization!.Code, c.Organization.NameJa, c.Organization.NameEn, c.Organization.PrefectureCode },
            Status = c.Status.ToString(), Phase = display.Phase(c).ToString(),
            c.RecordedAfterTheFact,
            c.CeilingYen, c.CeilingTaxIncluded, c.ContractStart, c.ContractEnd, MultiYear = CallDisplay.MultiYear(c),
            OnsiteDaysPerWeek = c.RecordedAfterTheFact && c.OnsiteDaysPerWeek == 0 && c.OnsiteNotes.Length == 0 ? (double?)null : c.OnsiteDaysPerWeek,
            DayRateEquivalent = new { equivalent.LowYen, equivalent.HighYen, equivalent.Workload.MinDaysPerWeek, equivalent.Workload.MaxDaysPerWeek },
            c.PublishedAt, c.SubmissionDeadline,
            Award = c.Status == CallStatus.Awarded ? new { c.ContractAmountYen, c.AwardedAt, Supplier = c.SupplierName } : null,
            Url = $"/calls/{c.Id}",
        };
    }
}
