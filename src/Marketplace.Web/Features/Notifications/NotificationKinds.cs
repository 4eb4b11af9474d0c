using Marketplace.Web.Features.Matching;

namespace Marketplace.Web.Features.Notifications;

/// <summary>A kind of notification: who may receive it and whether it can be switched off.</summary>
public sealed record NotificationKind(string Code, string[] Roles, bool Mandatory = false)
{
    /// <summary>The resource key of its label on the preferences page.</summary>
    public string LabelKey => $"Notify_Kind_{Code}";
}

/// <summary>Every notification the service sends. Codes are stored in the outbox and in users' preferences.</summary>
public static class NotificationKinds
{
    /// <summary>Mail confirmation, approval, invitations to create an account: always sent.</summary>
    public const string Account = "account";
    public const string ApplicationStage = "application_stage";
    public const string ApplicationMessage = "application_message";
    public const string ExpertInvitation = "expert_invitation";
    public const string RecommendationDigest = "recommendation_digest";
    public const string NewApplication = "new_application";
    public const string DeadlineReminder = "deadline_reminder";
    public const string OpeningClosed = "opening_closed";
    public const string CallQuestion = "call_question";
    public const string CallProposalsOpened = "call_proposals_opened";
    public const string CallAnswer = "call_answer";
    public const string CallResult = "call_result";
    public const string DispatchUpdate = "dispatch_update";
    public const string DispatchEnd = "dispatch_end";
    public const string ClaimDecision = "claim_decision";
    public const string OfficeQueues = "office_queues";
    public const string CaseUpdate = "case_update";
    public const string AdviceRequest = "advice_request";
    /// <summary>A posting someone applied to, asked about or is proposing for was corrected: always sent.</summary>
    public const string PostingCorrected = "posting_corrected";
    public const string SavedSearchAlert = "saved_search_alert";

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new(Account, Marketplace.Data.Entities.Roles.All, Mandatory: true),
        new(ApplicationStage, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Staff]),
        new(ApplicationMessage, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Staff]),
        new(ExpertInvitation, [Marketplace.Data.Entities.Roles.Expert]),
        new(NewApplication, [Marketplace.Data.Entities.Roles.Staff]),
        new(DeadlineReminder, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Staff, Marketplace.Data.Entities.Roles.Vendor]),
        new(OpeningClosed, [Marketplace.Data.Entities.Roles.Staff]),
        new(CallQuestion, [Marketplace.Data.Entities.Roles.Staff]),
        new(CallProposalsOpened, [Marketplace.Data.Entities.Roles.Staff]),
        new(CallAnswer, [Marketplace.Data.Entities.Roles.Vendor]),
        new(CallResult, [Marketplace.Data.Entities.Roles.Vendor]),
        new(DispatchUpdate, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Staff]),
        new(DispatchEnd, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Staff]),
        new(ClaimDecision, [Marketplace.Data.Entities.Roles.Staff]),
        new(OfficeQueues, [Marketplace.Data.Entities.Roles.NationalOffice]),
        new(CaseUpdate, [Marketplace.Data.Entities.Roles.Staff, Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.NationalOffice]),
        new(AdviceRequest, [Marketplace.Data.Entities.Roles.Staff, Marketplace.Data.Entities.Roles.Expert]),
        new(PostingCorrected, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Vendor], Mandatory: true),
        // The digest is governed by its frequency setting, not by an on/off switch.
        new(RecommendationDigest, [Marketplace.Data.Entities.Roles.Expert], Mandatory: true),
        // Each saved search's alert has its own frequency (daily, weekly or off) on /saved-searches.
        new(SavedSearchAlert, [Marketplace.Data.Entities.Roles.Expert, Marketplace.Data.Entities.Roles.Vendor], Mandatory: true),
    ];

    public static NotificationKind? Find(string code) => All.FirstOrDefault(k => k.Code == code);

    /// <summary>The kinds a user with these roles can switch on or off.</summary>
    public static IEnumerable<NotificationKind> SwitchableFor(IEnumerable<string> roles) =>
        All.Where(k => !k.Mandatory && k.Roles.Intersect(roles).Any());
}
