using System.Collections;
using System.Text.Json;

namespace Marketplace.Web.Features.Corrections;

/// <summary>One field of a posting as it was before a correction and after it, in the form's own terms.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A correction as the change log shows it.</summary>
public sealed record CorrectionEntry(DateTime CorrectedAt, string Reason, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Corrections of published postings (訂正): the change between the form as it was and as it is saved, recorded as
/// the posting's public change log, with a notice to everyone the posting concerns. Called by the openings and calls
/// services before their own save, so the log, the posting and the mails are written in one transaction.
/// </summary>
public sealed class PostingCorrections(MarketplaceDbContext db, Notifier notifier, ProposalNotifications proposals, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    /// <summary>Fields that are not facts of the posting (how the form was loaded, the reason itself).</summary>
    private static readonly HashSet<string> NotFacts = ["ConcurrencyToken", "CorrectionReason", "Notice", "NewNoticeTitle"];

    /// <summary>Flattens a form input into field → text in declaration order (lists as one line per entry).</summary>
    private static Dictionary<string, string> Snapshot(object input)
    {
        var fields = new Dictionary<string, string>();
        foreach (var p in input.GetType().GetProperties())
        {
            if (NotFacts.Contains(p.Name) || p.GetIndexParameters().Length > 0) continue;
            fields[p.Name] = p.GetValue(input) switch
            {
                null => "",
                string s => s.Replace("\r\n", "\n").Trim(),
                bool b => b ? "true" : "false",
                IEnumerable<string> list => string.Join(',', list.Order(StringComparer.Ordinal)),
                IEnumerable<RoleInput> roles => string.Join('\n', roles.Where(r => !string.IsNullOrWhiteSpace(r.Name))
                    .Select(r => $"{r.Name!.Trim()}|{(r.MustBeOwnEmployee ? 1 : 0)}|{(r.MayCombine ? 1 : 0)}")),
                IEnumerable<CriterionInput> criteria => string.Join('\n', criteria.Where(c => !string.IsNullOrWhiteSpace(c.Name))
                    .Select(c => $"{c.Name!.Trim()}|{c.Weight?.Trim()}|{c.Description?.Trim()}")),
                IEnumerable other => string.Join(',', other.Cast<object>()),
                var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        }
        return fields;
    }

    private static List<FieldChange> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value)
            .Select(a => new FieldChange(a.Key, before.GetValueOrDefault(a.Key, ""), a.Value))
            .ToList();

    /// <summary>What a posting's form holds before an edit when the edit would be a correction (it is published); null otherwise.</summary>
    public static Dictionary<string, string>? SnapshotIf(bool published, Func<object> form) => published ? Snapshot(form()) : null;

    /// <summary>
    /// Finishes an edit of a posting that the service has applied to its entity: what changed since
    /// <paramref name="before"/> (none when null) needs a reason, a missing one joins <paramref name="errors"/>; with
    /// any error nothing is kept and the errors are given back; otherwise the correction is logged
    /// (<paramref name="logCorrection"/>, unsaved) and the service's <paramref name="save"/> writes both at once.
    /// </summary>
    public async Task<ServiceResult<T>> SaveEditAsync<T>(IReadOnlyDictionary<string, string>? before, Func<object> after, string? reasonText,
        Dictionary<string, string> errors, Func<string, List<FieldChange>, Task> logCorrection, Func<Task<ServiceResult<T>>> save)
    {
        var changes = before is null ? [] : Diff(before, Snapshot(after()));
        var (reason, reasonError) = CheckReason(changes, reasonText);
        if (reasonError is not null) errors["CorrectionReason"] = reasonError;
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<T>.Invalid(errors);
        }
        if (changes.Count > 0) await logCorrection(reason!, changes);
        return await save();
    }

    /// <summary>
    /// The reason to record for these changes, or the message that says what to fix: a correction needs a reason, of at
    /// most <see cref="PostingCorrectionConfiguration.ReasonMax"/> characters. No changes need none.
    /// </summary>
    private (string? Reason, string? Error) CheckReason(IReadOnlyCollection<FieldChange> changes, string? text)
    {
        if (changes.Count == 0) return (null, null);
        var reason = text?.Trim() ?? "";
        if (reason.Length == 0) return (null, t["Correction_ReasonRequired"]);
        if (reason.Length > PostingCorrectionConfiguration.ReasonMax)
        {
            return (null, t["Val_TooLong", t["Field_CorrectionReason"], PostingCorrectionConfiguration.ReasonMax, reason.Length]);
        }
        return (reason, null);
    }

    /// <summary>Logs a correction of a published opening and tells its applicants (all but those who withdrew).</summary>
    public async Task<PostingCorrection> OpeningCorrectedAsync(Opening opening, string userId, string reason, List<FieldChange> changes, CancellationToken ct)
    {
        var applicants = await db.Applications
            .Where(a => a.OpeningId == opening.Id && a.Stage != Stages.Withdrawn && a.Expert!.UserId != null)
            .Select(a => a.Expert!.UserId!).Distinct().ToListAsync(ct);
        var sent = await notifier.ToUsersAsync(applicants, NotificationKinds.PostingCorrected, (t, site) => new MailContent(
            t["Notify_Corrected_Subject", opening.Title],
            t["Notify_Corrected_Body", opening.Title, reason, $"{site}/openings/{opening.Id}#corrections"]), ct);
        return Add(new PostingCorrection { OpeningId = opening.Id }, userId, reason, changes, sent);
    }

    /// <summary>Logs a correction of a published call and tells the vendors who asked a question or are writing or submitted a proposal.</summary>
    public async Task<PostingCorrection> CallCorrectedAsync(ProposalCall call, string userId, string reason, List<FieldChange> changes, CancellationToken ct)
    {
        var vendors = await proposals.ParticipantUsersAsync(call.Id, ct);
        var sent = await notifier.ToUsersAsync(vendors, NotificationKinds.PostingCorrected, (t, site) => new MailContent(
            t["Notify_Corrected_Subject", call.Title],
            t["Notify_Corrected_Body", call.Title, reason, $"{site}/calls/{call.Id}#corrections"]), ct);
        return Add(new PostingCorrection { CallId = call.Id }, userId, reason, changes, sent);
    }

    private PostingCorrection Add(PostingCorrection row, string userId, string reason, List<FieldChange> changes, int sent)
    {
        row.CorrectedAt = clock.GetUtcNow().UtcDateTime;
        row.CorrectedByUserId = userId;
        row.Reason = reason;
        row.ChangesJson = JsonSerializer.Serialize(changes);
        row.Notified = sent;
        db.PostingCorrections.Add(row);
        return row;
    }

    public Task<List<CorrectionEntry>> ForOpeningAsync(int openingId, CancellationToken ct = default) =>
        LogAsync(db.PostingCorrections.Where(c => c.OpeningId == openingId), ct);

    public Task<List<CorrectionEntry>> ForCallAsync(int callId, CancellationToken ct = default) =>
        LogAsync(db.PostingCorrections.Where(c => c.CallId == callId), ct);

    private static async Task<List<CorrectionEntry>> LogAsync(IQueryable<PostingCorrection> rows, CancellationToken ct) =>
        (await rows.AsNoTracking().OrderByDescending(c => c.Id).Select(c => new { c.CorrectedAt, c.Reason, c.ChangesJson }).ToListAsync(ct))
        .Select(c => new CorrectionEntry(c.CorrectedAt, c.Reason, JsonSerializer.Deserialize<List<FieldChange>>(c.ChangesJson) ?? []))
        .ToList();
}
