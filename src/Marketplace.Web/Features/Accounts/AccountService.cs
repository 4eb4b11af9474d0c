using System.Security.Cryptography;
using System.Text;
using Marketplace.Matching.Codes;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Features.Accounts;

public enum SignUpKind
{
    Expert,
    Vendor,
}

public sealed class SignUpInput
{
    public string? Kind { get; set; } = "Expert";
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public string? CompanyName { get; set; }
    public string? CorporateNumber { get; set; }
}

public sealed class StaffSignUpInput
{
    public string? OrganizationCode { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>Sign-up, confirmation, staff approval and invitations.</summary>
public sealed class AccountService(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    Notifier notifier,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Experts and vendor representatives sign up themselves and confirm their address by mail.</summary>
    public async Task<ServiceResult> SignUpAsync(SignUpInput input, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        var kind = Enum.TryParse<SignUpKind>(input.Kind, out var k) && Enum.IsDefined(k) ? k : (SignUpKind?)null;
        if (kind is null) errors.Add((nameof(input.Kind), t["Val_Choose", t["Field_AccountKind"]]));
        CheckCommon(input.DisplayName, input.Email, input.Password, input.ConfirmPassword, errors);
        VendorCompany? company = null;
        if (kind == SignUpKind.Vendor)
        {
            var name = input.CompanyName?.Trim() ?? "";
            var number = JapaneseText.NormalizeCode(input.CorporateNumber);
            if (name.Length is 0 or > 200) errors.Add((nameof(input.CompanyName), t["Val_Required", t["Field_CompanyName"]]));
            if (!CorporateNumber.IsValid(number)) errors.Add((nameof(input.CorporateNumber), t["Val_CorporateNumber"]));
            // 法人番号 are public: joining an existing company by typing its number would hand a stranger that
            // company's sealed proposals. A registered company's number is refused.
            if (errors.Count == 0 && await db.VendorCompanies.AnyAsync(c => c.CorporateNumber == number, ct))
            {
                errors.Add((nameof(input.CorporateNumber), t["Account_CompanyTaken"]));
            }
            if (errors.Count == 0)
            {
                company = new VendorCompany { Name = name, CorporateNumber = number, CreatedAt = Now };
            }
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var user = NewUser(input.Email!, input.DisplayName!);
        user.VendorCompany = company;
        return await CreateWithConfirmationAsync(user, input.Password!, kind == SignUpKind.Vendor ? Roles.Vendor : Roles.Expert, ct);
    }

    /// <summary>Local-government staff ask for an account; it stays inactive until the national office approves it.</summary>
    public async Task<ServiceResult> RequestStaffAccountAsync(StaffSignUpInput input, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        var code = JapaneseText.NormalizeCode(input.OrganizationCode);
        Organization? org = null;
        if (Organizations.OrganizationService.CodeProblem(t, code) is { } problem) errors.Add((nameof(input.OrganizationCode), problem));
        else
        {
            org = await db.Organizations.FirstOrDefaultAsync(o => o.Code == code, ct);
            if (org is null) errors.Add((nameof(input.OrganizationCode), t["Org_CodeNotRegistered", code]));
        }
        CheckCommon(input.DisplayName, input.Email, input.Password, input.ConfirmPassword, errors);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);

        var user = NewUser(input.Email!, input.DisplayName!);
        user.OrganizationId = org!.Id;
        user.Status = AccountStatus.PendingApproval;
        return await CreateWithConfirmationAsync(user, input.Password!, Roles.Staff, ct);
    }

    /// <summary>The account's status once its address is confirmed (staff still await approval), or null if the link is wrong.</summary>
    public async Task<AccountStatus?> ConfirmEmailAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code)) return null;
        var user = await users.FindByIdAsync(userId);
        // A link works once: after confirming, the address is confirmed and the stamp the token was made with changes.
        if (user is null || user.EmailConfirmed) return null;
        try
        {
            var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            if (!(await users.ConfirmEmailAsync(user, token)).Succeeded) return null;
            await users.UpdateSecurityStampAsync(user);
            return user.Status;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public Task<List<AppUser>> PendingStaffAsync(CancellationToken ct = default) =>
        db.Users.Include(u => u.Organization).Where(u => u.Status == AccountStatus.PendingApproval)
            .OrderBy(u => u.CreatedAt).ToListAsync(ct);

    /// <summary>
    /// Approves or rejects a pending staff account. An unconfirmed address is never approved (nobody has shown it is
    /// theirs); a rejection carries the office's reason to the applicant.
    /// </summary>
    public async Task<bool> DecideStaffAsync(string userId, bool approve, string officeUserId, string? reason, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId && u.Status == AccountStatus.PendingApproval, ct);
        if (user is null || approve && !user.EmailConfirmed || !approve && string.IsNullOrWhiteSpace(reason)) return false;
        user.Status = approve ? AccountStatus.Active : AccountStatus.Rejected;
        user.ApprovedAt = Now;
        user.ApprovedByUserId = officeUserId;
        await notifier.ToUserAsync(user, NotificationKinds.Account, (t, site) => approve
            ? new MailContent(t["Mail_StaffApproved_Subject"], t["Mail_StaffApproved_Body", user.DisplayName, user.Organization!.NameJa, $"{site}/account/login"])
            : new MailContent(t["Mail_StaffRejected_Subject"], t["Mail_StaffRejected_Body", user.DisplayName, user.Organization!.NameJa] + "\n\n" + t["Mail_StaffRejected_Reason", reason!.Trim()]), ct);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    /// <summary>
    /// A staff member invites a colleague of the same government; the link makes an active account. An address that
    /// already has an account is answered as any other, so the form tells no one which addresses are registered
    /// (as sign-up does): its owner is mailed that they were invited and can sign in as they are.
    /// </summary>
    public async Task<ServiceResult> InviteAsync(int organizationId, string inviterId, string? address, CancellationToken ct = default)
    {
        var to = address?.Trim() ?? "";
        if (!IsEmail(to)) return ServiceResult.Fail("Email", t["Val_Email"]);
        var org = await db.Organizations.SingleAsync(o => o.Id == organizationId, ct);
        if (await users.FindByEmailAsync(to) is not null)
        {
            notifier.ToAddress(to, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_Invite_Subject", org.NameJa],
                t["Mail_InviteExisting_Body", org.NameJa, $"{site}/account/login"]));
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        db.StaffInvitations.Add(new StaffInvitation
        {
            OrganizationId = organizationId,
            Email = to,
            TokenHash = Hash(token),
            InvitedByUserId = inviterId,
            CreatedAt = Now,
            ExpiresAt = Now + InvitationLifetime,
        });
        notifier.ToAddress(to, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_Invite_Subject", org.NameJa],
            t["Mail_Invite_Body", org.NameJa, $"{site}/account/accept-invitation?token={token}", InvitationLifetime.Days]));
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    public async Task<StaffInvitation?> FindInvitationAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Hash(token);
        var now = Now;
        return await db.StaffInvitations.Include(i => i.Organization)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
    }

    public async Task<ServiceResult> AcceptInvitationAsync(string? token, string? displayName, string? password, string? confirm, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(token, ct);
        if (invitation is null) return ServiceResult.Fail("", t["Account_InvitationInvalid"]);
        var errors = new List<(string, string)>();
        CheckCommon(displayName, invitation.Email, password, confirm, errors);
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        var user = NewUser(invitation.Email, displayName!);
        user.OrganizationId = invitation.OrganizationId;
        user.EmailConfirmed = true; // the link was delivered to this address
        user.ApprovedAt = Now;
        user.ApprovedByUserId = invitation.InvitedByUserId;
        var result = await CreateAsync(user, password!, Roles.Staff);
        if (!result.Succeeded) return result;
        invitation.AcceptedAt = Now;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }

    private void CheckCommon(string? displayName, string? address, string? password, string? confirm, List<(string, string)> errors)
    {
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0) errors.Add(("DisplayName", t["Val_Required", t["Field_DisplayName"]]));
        else if (name.Length > 100) errors.Add(("DisplayName", t["Val_TooLong", t["Field_DisplayName"], 100, name.Length]));
        if (!IsEmail(address)) errors.Add(("Email", t["Val_Email"]));
        if (string.IsNullOrEmpty(password)) errors.Add(("Password", t["Val_Required", t["Field_Password"]]));
        else if (password != confirm) errors.Add(("ConfirmPassword", t["Val_PasswordMismatch"]));
    }

    internal static bool IsEmail(string? s) =>
        !string.IsNullOrWhiteSpace(s) && s.Length <= 256 && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(s.Trim()) && s.Contains('.');

    private AppUser NewUser(string address, string displayName) => new()
    {
        UserName = address.Trim(),
        Email = address.Trim(),
        DisplayName = displayName.Trim(),
        PreferredCulture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja",
        CreatedAt = Now,
    };

    private async Task<ServiceResult> CreateAsync(AppUser user, string password, string role)
    {
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return ServiceResult.Invalid(created.Errors.Select(e => (e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description)).ToList());
        }
        await users.AddToRoleAsync(user, role);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// Creates the account and its confirmation mail in one transaction: no account without its mail. An address that
    /// already has an account gets a mail saying so (with the password-reset page) instead, and the page answers
    /// "check your mail" either way, after the same work (the password is hashed in both cases): sign-up does not
    /// tell a stranger which addresses are registered.
    /// </summary>
    private async Task<ServiceResult> CreateWithConfirmationAsync(AppUser user, string password, string role, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(user.Email!) is { } owner)
        {
            var passwordErrors = new List<(string, string)>();
            foreach (var validator in users.PasswordValidators)
            {
                var checkedPassword = await validator.ValidateAsync(users, user, password);
                passwordErrors.AddRange(checkedPassword.Errors.Select(e => ("Password", e.Description)));
            }
            if (passwordErrors.Count > 0) return ServiceResult.Invalid(passwordErrors);
            _ = users.PasswordHasher.HashPassword(user, password);
            await notifier.ToUserAsync(owner, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_AddressInUse_Subject"],
                t["Mail_AddressInUse_Body", owner.DisplayName, $"{site}/account/forgot-password"]), ct);
            await db.SaveChangesAsync(ct);
            return ServiceResult.Ok();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await CreateAsync(user, password, role);
        if (!result.Succeeded) return result;
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        await notifier.ToUserAsync(user, NotificationKinds.Account, (t, site) => new MailContent(t["Mail_Confirm_Subject"],
            t["Mail_Confirm_Body", user.DisplayName, $"{site}/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}"]), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>Identity's own messages (duplicate e-mail, weak password...) in the page's language.</summary>
public sealed class JapaneseIdentityErrorDescriber(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    private IdentityError E(string code, string key, params object[] args) => new() { Code = code, Description = t[key, args] };
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "Account_EmailTaken");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "Account_EmailTaken");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "Val_Email");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "Val_Email");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "Account_PasswordTooShort", length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Account_PasswordDigit");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Account_PasswordLower");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), "Account_PasswordUnique", uniqueChars);
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Account_InvalidToken");
    public override IdentityError DefaultError() => E(nameof(DefaultError), "Error_Generic");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "ChangedBySomeoneElse");
}
