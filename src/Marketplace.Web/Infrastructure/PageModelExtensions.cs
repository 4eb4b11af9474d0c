namespace Marketplace.Web.Infrastructure;

public static class PageModelExtensions
{
    /// <summary>
    /// Only local paths are followed (after sign-in, a language switch...), so a crafted link cannot send users
    /// elsewhere; anything else, including paths with control characters that LocalRedirect would refuse, is "/".
    /// </summary>
    public static string SafeLocal(string? url) => IsLocalUrl(url) ? url! : "/";

    /// <summary>The rule of ASP.NET Core's <c>IUrlHelper.IsLocalUrl</c>: "/path" or "~/path", never "//", "/\\" or control characters.</summary>
    public static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        ReadOnlySpan<char> rest;
        if (url[0] == '/') rest = url.AsSpan(1);
        else if (url.StartsWith("~/", StringComparison.Ordinal)) rest = url.AsSpan(2);
        else return false;
        if (rest.Length == 0) return true;
        if (rest[0] is '/' or '\\') return false;
        foreach (var c in rest)
        {
            if (char.IsControl(c)) return false;
        }
        return true;
    }
}

/// <summary>What the shared <c>_Pager</c> partial needs: where we are, how many pages, and each page's address.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Url);
