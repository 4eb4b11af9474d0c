namespace Marketplace.Web.Features.Accounts;

/// <summary>
/// NIST SP 800-63B 5.1.1.2: length over composition (at least 10 characters, no character-class rules), and no
/// password that attackers try first. The shipped list holds the 30,000 most common passwords of leaked sets
/// (common-passwords.txt, from the zxcvbn project, MIT); a listed word with digits or symbols added at its end
/// ("password12", "dragon2026!") is refused too, as are passwords made of the account's own e-mail name or one
/// repeated character.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> t) : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || !IsGuessable(password, user.Email)) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = t["Account_PasswordCommon"] }));
    }

    public static bool IsGuessable(string password, string? email)
    {
        var p = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(p)) return true;
        var stem = p.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        if (stem.Length >= 4 && stem.Length < p.Length && Common.Value.Contains(stem)) return true;
        if (p.Distinct().Count() <= 2) return true;
        var local = email?.Split('@')[0].ToLowerInvariant();
        return local is { Length: >= 4 } && (stem == local || p == local);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Marketplace.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) set.Add(line);
        }
        return set;
    }
}
