using Marketplace.Web.Features.Cases;

namespace Marketplace.Web.Tests.Cases;

/// <summary>Acceptance 4: Markdown with script, event-handler attributes and javascript: links renders harmless.</summary>
public sealed class CaseMarkdownTests
{
    private readonly CaseMarkdown _md = new();

    [Fact]
    public void ToSafeHtml_ScriptTags_AreRemoved()
    {
        var html = _md.ToSafeHtml("前文\n\n<script>alert('x')</script>\n\n<SCRIPT src=\"https://evil.example/x.js\"></SCRIPT>後文");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(", html);
        Assert.Contains("前文", html);
    }

    [Fact]
    public void ToSafeHtml_EventHandlerAttributes_AreRemoved()
    {
        var html = _md.ToSafeHtml("<img src=x onerror=\"alert(1)\"> <p onclick=\"steal()\">段落</p> <a href=\"https://example.jp\" onmouseover=\"x()\">リンク</a>");
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("段落", html);
    }

    [Fact]
    public void ToSafeHtml_JavascriptLinks_LoseTheirTarget()
    {
        var html = _md.ToSafeHtml("[押して](javascript:alert(1)) と <a href=\"JaVaScRiPt:alert(2)\">これ</a> と [データ](data:text/html;base64,PHNjcmlwdD4=)");
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text/html", html);
        Assert.Contains("押して", html);
    }

    [Fact]
    public void ToSafeHtml_OrdinaryMarkdown_KeepsItsFormattingAndSafeLinks()
    {
        var html = _md.ToSafeHtml("## 取り組み\n\n- **クラウド**へ移行\n- [資料](https://www.example.jp/a.pdf)\n\n| 指標 | 値 |\n|---|---|\n| 時間 | 18 |");
        Assert.Contains("<h4>取り組み</h4>", html);
        Assert.Contains("<strong>クラウド</strong>", html);
        Assert.Contains("href=\"https://www.example.jp/a.pdf\"", html);
        Assert.Contains("rel=\"nofollow noopener\"", html);
        Assert.Contains("<table>", html);
    }
}
