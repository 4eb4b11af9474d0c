using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Quotas;

/// <summary>How much one account may create in a Japan calendar day (<c>Quotas</c> section).</summary>
public sealed class QuotaOptions
{
    /// <summary>New drafts of openings and calls together (a duplicated opening counts as one).</summary>
    public int DraftsPerDay { get; set; } = 50;

    /// <summary>Openings and calls created in a day counting rows of bulk imports (an import is refused whole if it would pass it).</summary>
    public int ImportRowsPerDay { get; set; } = 2_000;

    /// <summary>Questions to calls for proposals.</summary>
    public int QuestionsPerDay { get; set; } = 20;
}

/// <summary>
/// Quotas per account per day, counted from the rows the account created since midnight Japan time, so they hold
/// across instances and restarts. A refusal says the limit and when it resets (the next midnight, Japan time).
/// Only requests are limited: the demo seeder and the command-line tools (no request) are not.
/// </summary>
public sealed class DailyQuotas(MarketplaceDbContext db, IOptions<QuotaOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> t, IHttpContextAccessor http)
{
    /// <summary>The refusal message if <paramref name="userId"/> has created its daily number of drafts, else null.</summary>
    public async Task<string?> DraftRefusalAsync(string userId, CancellationToken ct = default)
    {
        if (http.HttpContext is null) return null;
        var (since, resets) = Day();
        var limit = options.Value.DraftsPerDay;
        var used = await db.Openings.CountAsync(o => o.CreatedByUserId == userId && o.CreatedAt >= since, ct);
        if (used < limit) used += await db.ProposalCalls.CountAsync(c => c.CreatedByUserId == userId && c.CreatedAt >= since, ct);
        return used < limit ? null : t["Quota_Drafts", limit, ResetText(resets)].Value;
    }

    /// <summary>
    /// The refusal message if importing <paramref name="rows"/> more would take <paramref name="userId"/> past the day's
    /// import allowance, counted like drafts from every opening and call (past results included) the account created today.
    /// </summary>
    public async Task<string?> ImportRefusalAsync(string userId, int rows, CancellationToken ct = default)
    {
        if (http.HttpContext is null) return null;
        var (since, resets) = Day();
        var limit = options.Value.ImportRowsPerDay;
        var used = await db.Openings.CountAsync(o => o.CreatedByUserId == userId && o.CreatedAt >= since, ct)
            + await db.ProposalCalls.CountAsync(c => c.CreatedByUserId == userId && c.CreatedAt >= since, ct);
        return used + rows <= limit ? null : t["Quota_ImportRows", limit, used, rows, ResetText(resets)].Value;
    }

    /// <summary>The refusal message if <paramref name="userId"/> has asked its daily number of questions, else null.</summary>
    public async Task<string?> QuestionRefusalAsync(string userId, CancellationToken ct = default)
    {
        if (http.HttpContext is null) return null;
        var (since, resets) = Day();
        var limit = options.Value.QuestionsPerDay;
        var used = await db.CallQuestions.CountAsync(q => q.AskedByUserId == userId && q.AskedAt >= since, ct);
        return used < limit ? null : t["Quota_Questions", limit, ResetText(resets)].Value;
    }

    /// <summary>Today's start and tomorrow's start in Japan time, as UTC instants.</summary>
    private (DateTime Since, DateTime Resets) Day()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, DisplayFormatter.Jst));
        DateTime Start(DateOnly d) => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), DisplayFormatter.Jst);
        return (Start(today), Start(today.AddDays(1)));
    }

    private static string ResetText(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, DisplayFormatter.Jst).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

public static class QuotaSetup
{
    public static IServiceCollection AddQuotas(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<QuotaOptions>(config.GetSection("Quotas"));
        services.AddScoped<DailyQuotas>();
        return services;
    }
}
