namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The confirmation step of a destructive or final action. The action's POST without <c>confirm=true</c> only shows
/// this step (server-side, so it works without JavaScript); the step posts the same fields again with the confirmation.
/// </summary>
/// <param name="Title">What is about to happen, as a question.</param>
/// <param name="Warning">What follows and that it cannot be undone.</param>
/// <param name="Action">The address the confirmed form posts to.</param>
/// <param name="Button">The confirming button's text.</param>
/// <param name="CancelUrl">Where "cancel" leads (the page the user came from).</param>
/// <param name="Fields">Hidden fields to post again (concurrency token, amounts ...).</param>
/// <param name="ReasonLabel">When set, the step asks for a reason under this label.</param>
/// <param name="ReasonRequired">Whether the reason must be given.</param>
/// <param name="Facts">What the action concerns, shown as label/value pairs.</param>
public sealed record ConfirmStep(
    string Title, string Warning, string Action, string Button, string CancelUrl,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string? ReasonLabel = null, bool ReasonRequired = false, string? Reason = null,
    IReadOnlyList<KeyValuePair<string, string>>? Facts = null, bool Danger = true)
{
    public const int MaxReason = 1_000;
}
