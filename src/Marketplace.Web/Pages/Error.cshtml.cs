namespace Marketplace.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet() => Describe();
    public void OnPost() => Describe();

    // The status comes from the failed request (re-executed here) or the query string, never from a
    // form: the body of a re-executed POST may be the very thing that was refused.
    private void Describe()
    {
        int? code = Response.StatusCode >= 400 ? Response.StatusCode
            : int.TryParse(Request.Query["code"], out var c) ? c : null;
        (Heading, Message) = code switch
        {
            404 => (t["Error_NotFound_Title"].Value, t["Error_NotFound_Body"].Value),
            403 => (t["AccessDenied_Title"].Value, t["AccessDenied_Body"].Value),
            400 => (t["Error_BadRequest_Title"].Value, t["Error_BadRequest_Body"].Value),
            413 => (t["Error_TooLarge_Title"].Value, t["Error_TooLarge_Body"].Value),
            429 => (t["Error_TooMany_Title"].Value, t["Error_TooMany_Body"].Value),
            _ => (t["Error_Title"].Value, t["Error_Generic"].Value),
        };
        if (code is >= 400 and < 600) Response.StatusCode = code.Value;
    }
}
