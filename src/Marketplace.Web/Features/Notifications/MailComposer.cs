using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Web.Email;
using MimeKit;
using MimeKit.Text;

namespace Marketplace.Web.Features.Notifications;

/// <summary>Turns an outbox row into a MIME message: UTF-8 plain text plus an HTML alternative.</summary>
public static partial class MailComposer
{
    public static MimeMessage ToMime(OutboxMessage m, SmtpOptions options)
    {
        var mime = new MimeMessage
        {
            MessageId = m.MessageId,
            Date = new DateTimeOffset(DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc)),
            Subject = m.Subject,
        };
        mime.From.Add(new MailboxAddress(Encoding.UTF8, options.FromName, options.From));
        mime.To.Add(MailboxAddress.Parse(m.ToAddress));
        if (m.UnsubscribeUrl is not null)
        {
            // RFC 2369 / RFC 8058: mail clients offer their own one-click unsubscribe button.
            mime.Headers.Add("List-Unsubscribe", $"<{m.UnsubscribeUrl}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Headers.Add("X-Marketplace-Kind", m.Kind);
        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, m.TextBody);
        var html = new TextPart(TextFormat.Html);
        html.SetText(Encoding.UTF8, m.HtmlBody ?? ToHtml(m.TextBody, "ja"));
        mime.Body = new MultipartAlternative { text, html };
        return mime;
    }

    /// <summary>The HTML alternative of a plain-text body: escaped, paragraphs kept, links clickable.</summary>
    public static string ToHtml(string text, string language)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"></head>")
          .Append("<body style=\"font-family:sans-serif;line-height:1.7;color:#1a1a1a\">");
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n"))
        {
            var escaped = WebUtility.HtmlEncode(paragraph);
            var linked = Link().Replace(escaped, m => $"<a href=\"{m.Value}\">{m.Value}</a>");
            sb.Append("<p>").Append(linked.Replace("\n", "<br>")).Append("</p>");
        }
        return sb.Append("</body></html>").ToString();
    }

    [GeneratedRegex("https?://[^\\s<>\"]+")]
    private static partial Regex Link();
}
