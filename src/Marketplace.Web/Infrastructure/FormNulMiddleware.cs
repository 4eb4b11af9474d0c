namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Takes NUL characters out of a urlencoded form before anything reads it. ASP.NET Core's form reader refuses a form
/// that holds one ("%00", dotnet/aspnetcore#19862). A NUL pasted from a PDF or another program therefore made the page
/// answer 400 ("the page may have expired") and lost everything typed; PostgreSQL cannot store one either. Forms up
/// to 1 MB are read into memory to look; the largest real form is far below that. Larger ones, and forms sent
/// without a length, pass as they are.
/// </summary>
public sealed class FormNulMiddleware(RequestDelegate next)
{
    private const long MaxInspected = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0 and <= MaxInspected
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = new byte[request.ContentLength.Value];
            await request.Body.ReadExactlyAsync(form, context.RequestAborted);
            var body = form.AsSpan().IndexOf("%00"u8) < 0 ? form : WithoutNul(form);
            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
        }
        await next(context);
    }

    /// <summary>The form without its "%00" escapes; a browser writes a literal "%" as "%25", so nothing else matches.</summary>
    private static byte[] WithoutNul(byte[] form)
    {
        using var output = new MemoryStream(form.Length);
        var rest = form.AsSpan();
        for (var at = rest.IndexOf("%00"u8); at >= 0; at = rest.IndexOf("%00"u8))
        {
            output.Write(rest[..at]);
            rest = rest[(at + 3)..];
        }
        output.Write(rest);
        return output.ToArray();
    }
}
