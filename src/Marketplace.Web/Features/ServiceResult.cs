namespace Marketplace.Web.Features;

/// <summary>How a service action ended. Pages turn it into a response in one place: <see cref="Infrastructure.ServiceResultPages"/>.</summary>
public enum ServiceOutcome
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>No such record, or one the caller may not see (another party's data is "not found", never "forbidden").</summary>
    NotFound,
    /// <summary>Refused with messages keyed by input field ("" for the whole form); nothing was changed.</summary>
    Invalid,
    /// <summary>Someone else saved the same record in between (optimistic concurrency); nothing was changed.</summary>
    Conflict,
    /// <summary>The caller named something outside their own scope on purpose (e.g. another government); a 403.</summary>
    Forbidden,
}

/// <summary>
/// The outcome of a service action, the one shape every feature's services give back: success (with the id of
/// what it made or changed, when there is one), not found, invalid with field errors, or changed by someone else.
/// A refused action has changed nothing. See docs/decisions for why there is one type.
/// </summary>
public record ServiceResult(ServiceOutcome Outcome, IReadOnlyDictionary<string, string> Errors)
{
    protected static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>The id of what the action made or changed (0 when it has none to tell).</summary>
    public int Id { get; init; }

    /// <summary>Amounts and terms as a form's free text was understood, to echo beside the fields (empty for most actions).</summary>
    public IReadOnlyDictionary<string, string> Understood { get; init; } = NoErrors;

    public bool Succeeded => Outcome == ServiceOutcome.Ok;
    public bool IsNotFound => Outcome == ServiceOutcome.NotFound;
    public string? FirstError => Errors.Values.FirstOrDefault();

    public static ServiceResult Ok(int id = 0) => new(ServiceOutcome.Ok, NoErrors) { Id = id };
    public static readonly ServiceResult NotFound = new(ServiceOutcome.NotFound, NoErrors);
    public static ServiceResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ServiceOutcome.Invalid, errors);
    public static ServiceResult Fail(string message) => Fail("", message);

    /// <summary>Refused with messages that may name a field more than once (e.g. every password rule broken): one field's messages are joined.</summary>
    public static ServiceResult Invalid(IEnumerable<(string Field, string Message)> errors) =>
        Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message))));
    public static ServiceResult Fail(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static ServiceResult Conflict(string message) => new(ServiceOutcome.Conflict, new Dictionary<string, string> { [""] = message });
}

/// <summary>A <see cref="ServiceResult"/> that carries what the action made or found (null unless it succeeded, or after a check).</summary>
public sealed record ServiceResult<T>(ServiceOutcome Outcome, T? Value, IReadOnlyDictionary<string, string> Errors) : ServiceResult(Outcome, Errors)
{
    public static ServiceResult<T> Ok(T value) => new(ServiceOutcome.Ok, value, NoErrors);
    public static new readonly ServiceResult<T> NotFound = new(ServiceOutcome.NotFound, default, NoErrors);
    public static new ServiceResult<T> Invalid(IReadOnlyDictionary<string, string> errors) => new(ServiceOutcome.Invalid, default, errors);
    public static new ServiceResult<T> Fail(string message) => Fail("", message);
    public static new ServiceResult<T> Fail(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
    public static new ServiceResult<T> Conflict(string message) => new(ServiceOutcome.Conflict, default, new Dictionary<string, string> { [""] = message });

    /// <summary>The same refusal for an action that gives back another type (a refused result carries no value).</summary>
    public ServiceResult<TOther> As<TOther>() => new(Outcome, default, Errors) { Understood = Understood };
}

public static class ServiceResults
{
    /// <summary>
    /// Saves the action's changes: done with <paramref name="id"/>, or refused with "changed by someone else"
    /// when a row was saved in between (optimistic concurrency), leaving nothing tracked. With
    /// <paramref name="duplicateIsStale"/>, a unique index refusing a second copy (two first saves at once) is
    /// the same refusal; without it, that error is left to the caller, for whom it may mean something else.
    /// </summary>
    public static async Task<ServiceResult> SaveOrRefuseStaleAsync(this MarketplaceDbContext db, IStringLocalizer t, int id, CancellationToken ct, bool duplicateIsStale = false) =>
        await db.RefusalOfSaveAsync(t, duplicateIsStale, ct) ?? ServiceResult.Ok(id);

    /// <summary>As <see cref="SaveOrRefuseStaleAsync(MarketplaceDbContext, IStringLocalizer, int, CancellationToken, bool)"/>, for an id the database gives on saving.</summary>
    public static async Task<ServiceResult> SaveOrRefuseStaleAsync(this MarketplaceDbContext db, IStringLocalizer t, Func<int> idAfterSave, CancellationToken ct, bool duplicateIsStale = false) =>
        await db.RefusalOfSaveAsync(t, duplicateIsStale, ct) ?? ServiceResult.Ok(idAfterSave());

    /// <summary>As <see cref="SaveOrRefuseStaleAsync(MarketplaceDbContext, IStringLocalizer, int, CancellationToken, bool)"/>, giving back <paramref name="value"/> when saved.</summary>
    public static async Task<ServiceResult<T>> SaveOrRefuseStaleAsync<T>(this MarketplaceDbContext db, IStringLocalizer t, T value, CancellationToken ct, bool duplicateIsStale = false) =>
        await db.RefusalOfSaveAsync(t, duplicateIsStale, ct) is { } refused
            ? ServiceResult<T>.Conflict(refused.FirstError!)
            : ServiceResult<T>.Ok(value);

    /// <summary>Saves a new record that a check built (unsaved), or gives back the check's refusal.</summary>
    public static async Task<ServiceResult<T>> AddCheckedAsync<T>(this MarketplaceDbContext db, ServiceResult<T> check, CancellationToken ct) where T : class
    {
        if (check.Value is not { } record) return check;
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return check;
    }

    /// <summary>
    /// A change of state of a record the caller owns (publish, close, cancel ...): not found when there is no
    /// <paramref name="record"/>; checked on save against the <paramref name="token"/> the page was loaded with;
    /// <paramref name="change"/> makes the change or gives the message that refuses it (then nothing is kept);
    /// <paramref name="touch"/> stamps a made change (e.g. its UpdatedAt).
    /// </summary>
    public static async Task<ServiceResult<T>> ChangeStateAsync<T>(this MarketplaceDbContext db, IStringLocalizer t, T? record, string? token,
        Func<T, string?> change, Action<T> touch, CancellationToken ct) where T : class, Data.Entities.IVersioned
    {
        if (record is null) return ServiceResult<T>.NotFound;
        db.ExpectConcurrencyToken(record, token);
        if (change(record) is { } refusal)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<T>.Fail(refusal);
        }
        touch(record);
        return await db.SaveOrRefuseStaleAsync(t, record, ct);
    }

    private static async Task<ServiceResult?> RefusalOfSaveAsync(this MarketplaceDbContext db, IStringLocalizer t, bool duplicateIsStale, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || duplicateIsStale)
        {
            db.ChangeTracker.Clear();
            return ServiceResult.Conflict(t["ChangedBySomeoneElse"]);
        }
    }
}
