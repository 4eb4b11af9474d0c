using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure;

public static class PageModelExtensions
{
    /// <summary>Adds service errors keyed by input field under the form's prefix (e.g. "Input.Title").</summary>
    public static void AddErrors(this ModelStateDictionary state, string prefix, IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            state.AddModelError(string.IsNullOrEmpty(field) ? "" : $"{prefix}.{field}", message);
        }
    }

    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Only local paths are followed after sign-in, so a crafted link cannot send users elsewhere.</summary>
    public static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}

/// <summary>What the shared <c>_Pager</c> partial needs: where we are, how many pages, and each page's address.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Url);
