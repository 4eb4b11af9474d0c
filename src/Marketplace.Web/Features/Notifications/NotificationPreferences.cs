using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Web.Features.Notifications;

/// <summary>What a user chose to be told, and the signed links that stop a digest without signing in.</summary>
public sealed class NotificationPreferences(MarketplaceDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string UnsubscribePurpose = "Marketplace.Notifications.Unsubscribe.v1";

    public static HashSet<string> Disabled(NotificationSettings s) =>
        s.DisabledKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    public async Task<NotificationSettings> GetAsync(string userId, CancellationToken ct = default) =>
        await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, ct)
        ?? new NotificationSettings { UserId = userId };

    public string ConcurrencyTokenOf(NotificationSettings s) => db.Entry(s).State == EntityState.Detached ? "" : db.ConcurrencyTokenOf(s);

    /// <summary>Saves the switches for the kinds this user may receive; returns false if someone saved in between.</summary>
    public async Task<bool> SaveAsync(string userId, IEnumerable<string> roles, IReadOnlyCollection<string> enabledKinds, DigestFrequency digest, string? token, CancellationToken ct = default)
    {
        var settings = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null)
        {
            settings = new NotificationSettings { UserId = userId };
            db.NotificationSettings.Add(settings);
        }
        else
        {
            db.ExpectConcurrencyToken(settings, token);
        }
        var switchable = NotificationKinds.SwitchableFor(roles).Select(k => k.Code);
        // Kinds this page does not show (another role's) keep their current state.
        var disabled = Disabled(settings);
        foreach (var code in switchable)
        {
            if (enabledKinds.Contains(code)) disabled.Remove(code); else disabled.Add(code);
        }
        settings.DisabledKinds = string.Join(',', disabled.Order());
        settings.Digest = roles.Contains(Roles.Expert) ? digest : DigestFrequency.Off;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public string UnsubscribeToken(string userId) =>
        protection.CreateProtector(UnsubscribePurpose).Protect($"digest|{userId}");

    /// <summary>The user a digest unsubscribe token was made for, or null if it was not made here.</summary>
    public string? UserOfToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var value = protection.CreateProtector(UnsubscribePurpose).Unprotect(token);
            return value.StartsWith("digest|", StringComparison.Ordinal) ? value["digest|".Length..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Sets the digest of the token's user; returns that user's id, or null for a bad token.</summary>
    public async Task<string?> SetDigestByTokenAsync(string? token, DigestFrequency digest, CancellationToken ct = default)
    {
        var userId = UserOfToken(token);
        if (userId is null || !await db.Users.AnyAsync(u => u.Id == userId, ct)) return null;
        var settings = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null)
        {
            settings = new NotificationSettings { UserId = userId };
            db.NotificationSettings.Add(settings);
        }
        settings.Digest = digest;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return userId;
    }
}
