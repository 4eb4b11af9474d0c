namespace Marketplace.Web.Features.Experts;

/// <summary>
/// Deletes an expert's account. Everything that identifies or contacts the person goes: name, phone,
/// e-mail (with the account row, its roles, claims, logins and tokens), self-introduction, career,
/// vendor affiliation, motivations and messages. What stays is anonymous: the profile's matching
/// attributes (skills, years, prefecture, availability, pay, engagements), the applications with their
/// stages and stage history, so that counts per opening and the ranker's training data keep their shape.
/// </summary>
public sealed class AccountDeletion(MarketplaceDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<AccountDeletion> log,
    Marketplace.Web.Email.IMailTransport transport)
{
    /// <summary>What replaces the person's name in mail kept for others.</summary>
    public const string ErasedMark = "(削除済み / deleted)";

    /// <summary>Written .eml files (the pickup folder used without an SMTP server) that mention the person are removed.</summary>
    private void EraseMailFiles(string folder, IReadOnlyList<string> needles)
    {
        if (!Directory.Exists(folder) || needles.Count == 0) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            try
            {
                using var message = MimeKit.MimeMessage.Load(file);
                var text = string.Join('\n', message.To.Mailboxes.Select(m => m.Address)) + message.Subject + message.TextBody + message.HtmlBody;
                if (needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase))) File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
            {
                log.LogWarning("Could not check mail file {File} for erasure: {Error}", Path.GetFileName(file), ex.Message);
            }
        }
    }

    /// <summary>What an anonymised profile's name is set to.</summary>
    public const string AnonymizedName = "";

    /// <summary>Deletes the expert account <paramref name="userId"/> in one transaction; false (and nothing changed) if it is not an expert or fails.</summary>
    public async Task<bool> DeleteExpertAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Expert)) return false;

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var now = clock.GetUtcNow().UtcDateTime;

                var profile = await db.ExpertProfiles.Include(p => p.Career).FirstOrDefaultAsync(p => p.UserId == userId, ct);
                var fullName = profile?.FullName;
                if (profile is not null)
                {
                    profile.FullName = AnonymizedName;
                    profile.Phone = null;
                    profile.Summary = "";
                    profile.VendorAffiliationName = null;
                    profile.VendorCorporateNumber = null;
                    db.CareerEntries.RemoveRange(profile.Career);
                    profile.Career.Clear();
                    profile.Visibility = ProfileVisibility.HiddenUntilApplied;
                    profile.AnonymizedAt = now;
                    profile.UpdatedAt = now;
                    profile.UserId = null;
                    profile.User = null;

                    var applications = await db.Applications.Include(a => a.History).Include(a => a.Messages)
                        .AsSplitQuery()
                        .Where(a => a.ExpertProfileId == profile.Id).ToListAsync(ct);
                    foreach (var a in applications)
                    {
                        a.Motivation = "";
                        db.ApplicationMessages.RemoveRange(a.Messages);
                        a.Messages.Clear();
                        foreach (var h in a.History.Where(h => h.ByExpert || h.ChangedByUserId == userId))
                        {
                            h.ChangedByUserId = null;
                            // A reason the expert wrote (e.g. when withdrawing) is their words; the move itself stays.
                            if (h.ByExpert) h.Reason = "";
                        }
                    }
                }
                await db.SaveChangesAsync(ct);
                // Invitations to apply were written to the person (staff may have used their name).
                if (profile is not null) await db.ExpertInvitations.Where(i => i.ExpertProfileId == profile.Id).ExecuteDeleteAsync(ct);
                // Anything else the person wrote under their id (normally nothing beyond their own applications).
                await db.ApplicationMessages.Where(m => m.AuthorUserId == userId).ExecuteDeleteAsync(ct);
                await db.ApplicationStageChanges.Where(h => h.ChangedByUserId == userId)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.ChangedByUserId, (string?)null), ct);

                // Mail to the person (queued or sent) and mail to others naming them: the queue keeps no copy of either.
                var address = user.Email ?? "";
                var names = new[] { user.DisplayName, fullName }.Where(n => !string.IsNullOrWhiteSpace(n) && n.Length >= 2).Distinct().ToList();
                await db.OutboxMessages.Where(m => m.RecipientUserId == userId || m.ToAddress == address).ExecuteDeleteAsync(ct);
                foreach (var name in names)
                {
                    await db.OutboxMessages.Where(m => m.TextBody.Contains(name!) || m.Subject.Contains(name!))
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(m => m.Subject, m => m.Subject.Replace(name!, ErasedMark))
                            .SetProperty(m => m.TextBody, m => m.TextBody.Replace(name!, ErasedMark))
                            .SetProperty(m => m.HtmlBody, m => m.HtmlBody == null ? null : m.HtmlBody.Replace(name!, ErasedMark)), ct);
                }
                await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

                var deleted = await users.DeleteAsync(user);
                if (!deleted.Succeeded)
                {
                    log.LogWarning("Deleting account {UserId} failed: {Errors}", userId, string.Join("; ", deleted.Errors.Select(e => e.Code)));
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return false;
                }
                await tx.CommitAsync(ct);
                if (transport is Marketplace.Web.Email.PickupDirectoryTransport pickup) EraseMailFiles(pickup.Folder, [address, .. names!]);
                log.LogInformation("Expert account {UserId} deleted; profile {ProfileId} anonymised", userId, profile?.Id);
                return true;
            });
        }
        catch (DbUpdateException ex)
        {
            log.LogError(ex, "Deleting account {UserId} failed", userId);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
