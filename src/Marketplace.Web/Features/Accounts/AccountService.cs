using System.Security.Cryptography;
using System.Text;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Matching.Codes;
using Marketplace.Matching.Text;
using Marketplace.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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

public sealed record AccountResult(bool Succeeded, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static readonly AccountResult Ok = new(true, []);
    public static AccountResult Fail(string field, string message) => new(false, [(field, message)]);
}

/// <summary>Sign-up, confirmation, staff approval and invitations.</summary>
public sealed class AccountService(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    IEmailSender email,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Experts and vendor representatives sign up themselves and confirm their address by mail.</summary>
    public async Task<AccountResult> SignUpAsync(SignUpInput input, string baseUrl, CancellationToken ct = default)
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
            if (errors.Count == 0)
            {
                company = await db.VendorCompanies.FirstOrDefaultAsync(c => c.CorporateNumber == number, ct)
                    ?? new VendorCompany { Name = name, CorporateNumber = number, CreatedAt = Now };
            }
        }
        if (errors.Count > 0) return new AccountResult(false, errors);

        var user = NewUser(input.Email!, input.DisplayName!);
        user.VendorCompany = company;
        var result = await CreateAsync(user, input.Password!, kind == SignUpKind.Vendor ? Roles.Vendor : Roles.Expert);
        if (!result.Succeeded) return result;
        await SendConfirmationAsync(user, baseUrl, ct);
        return AccountResult.Ok;
    }

    /// <summary>Local-government staff ask for an account; it stays inactive until the national office approves it.</summary>
    public async Task<AccountResult> RequestStaffAccountAsync(StaffSignUpInput input, string baseUrl, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        var code = JapaneseText.NormalizeCode(input.OrganizationCode);
        Organization? org = null;
        if (!LocalGovernmentCode.IsValid(code)) errors.Add((nameof(input.OrganizationCode), t["Org_CodeInvalidShort"]));
        else
        {
            org = await db.Organizations.FirstOrDefaultAsync(o => o.Code == code, ct);
            if (org is null) errors.Add((nameof(input.OrganizationCode), t["Org_CodeNotRegistered", code]));
        }
        CheckCommon(input.DisplayName, input.Email, input.Password, input.ConfirmPassword, errors);
        if (errors.Count > 0) return new AccountResult(false, errors);

        var user = NewUser(input.Email!, input.DisplayName!);
        user.OrganizationId = org!.Id;
        user.Status = AccountStatus.PendingApproval;
        var result = await CreateAsync(user, input.Password!, Roles.Staff);
        if (!result.Succeeded) return result;
        await SendConfirmationAsync(user, baseUrl, ct);
        return AccountResult.Ok;
    }

    public async Task<bool> ConfirmEmailAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code)) return false;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return false;
        try
        {
            var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public Task<List<AppUser>> PendingStaffAsync(CancellationToken ct = default) =>
        db.Users.Include(u => u.Organization).Where(u => u.Status == AccountStatus.PendingApproval)
            .OrderBy(u => u.CreatedAt).ToListAsync(ct);

    public async Task<bool> DecideStaffAsync(string userId, bool approve, string officeUserId, string baseUrl, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId && u.Status == AccountStatus.PendingApproval, ct);
        if (user is null) return false;
        user.Status = approve ? AccountStatus.Active : AccountStatus.Rejected;
        user.ApprovedAt = Now;
        user.ApprovedByUserId = officeUserId;
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        await email.SendAsync(new EmailMessage(user.Email!,
            approve ? t["Mail_StaffApproved_Subject"] : t["Mail_StaffRejected_Subject"],
            approve ? t["Mail_StaffApproved_Body", user.DisplayName, user.Organization!.NameJa, $"{baseUrl}/account/login"]
                    : t["Mail_StaffRejected_Body", user.DisplayName, user.Organization!.NameJa]), ct);
        return true;
    }

    /// <summary>A staff member invites a colleague of the same government; the link makes an active account.</summary>
    public async Task<AccountResult> InviteAsync(int organizationId, string inviterId, string? address, string baseUrl, CancellationToken ct = default)
    {
        var to = address?.Trim() ?? "";
        if (!IsEmail(to)) return AccountResult.Fail("Email", t["Val_Email"]);
        if (await users.FindByEmailAsync(to) is not null) return AccountResult.Fail("Email", t["Account_EmailTaken"]);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var org = await db.Organizations.SingleAsync(o => o.Id == organizationId, ct);
        db.StaffInvitations.Add(new StaffInvitation
        {
            OrganizationId = organizationId,
            Email = to,
            TokenHash = Hash(token),
            InvitedByUserId = inviterId,
            CreatedAt = Now,
            ExpiresAt = Now + InvitationLifetime,
        });
        await db.SaveChangesAsync(ct);
        await email.SendAsync(new EmailMessage(to, t["Mail_Invite_Subject", org.NameJa],
            t["Mail_Invite_Body", org.NameJa, $"{baseUrl}/account/accept-invitation?token={token}", InvitationLifetime.Days]), ct);
        return AccountResult.Ok;
    }

    public async Task<StaffInvitation?> FindInvitationAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Hash(token);
        var now = Now;
        return await db.StaffInvitations.Include(i => i.Organization)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, ct);
    }

    public async Task<AccountResult> AcceptInvitationAsync(string? token, string? displayName, string? password, string? confirm, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(token, ct);
        if (invitation is null) return AccountResult.Fail("", t["Account_InvitationInvalid"]);
        var errors = new List<(string, string)>();
        CheckCommon(displayName, invitation.Email, password, confirm, errors);
        if (errors.Count > 0) return new AccountResult(false, errors);
        var user = NewUser(invitation.Email, displayName!);
        user.OrganizationId = invitation.OrganizationId;
        user.EmailConfirmed = true; // the link was delivered to this address
        user.ApprovedAt = Now;
        user.ApprovedByUserId = invitation.InvitedByUserId;
        var result = await CreateAsync(user, password!, Roles.Staff);
        if (!result.Succeeded) return result;
        invitation.AcceptedAt = Now;
        await db.SaveChangesAsync(ct);
        return AccountResult.Ok;
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

    private static bool IsEmail(string? s) =>
        !string.IsNullOrWhiteSpace(s) && s.Length <= 256 && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(s.Trim()) && s.Contains('.');

    private AppUser NewUser(string address, string displayName) => new()
    {
        UserName = address.Trim(),
        Email = address.Trim(),
        DisplayName = displayName.Trim(),
        CreatedAt = Now,
    };

    private async Task<AccountResult> CreateAsync(AppUser user, string password, string role)
    {
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountResult(false, created.Errors.Select(e => (e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description)).ToList());
        }
        await users.AddToRoleAsync(user, role);
        return AccountResult.Ok;
    }

    private async Task SendConfirmationAsync(AppUser user, string baseUrl, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = $"{baseUrl}/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={code}";
        await email.SendAsync(new EmailMessage(user.Email!, t["Mail_Confirm_Subject"], t["Mail_Confirm_Body", user.DisplayName, link]), ct);
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
