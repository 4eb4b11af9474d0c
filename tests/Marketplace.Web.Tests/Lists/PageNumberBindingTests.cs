using System.Reflection;
using Marketplace.Data.Entities;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Tests.Lists;

/// <summary>
/// Razor Pages keep the page's own path under the route value "page", and model binding reads route values before the
/// query string. A handler parameter or bound property named "page" therefore never received <c>?page=N</c>. Eleven
/// lists (audit, outbox, certifications, claims, a round's requests, staff's openings and calls, the office's cases,
/// public calls) showed page 1 whatever was asked (helper review, stop 32). Lists read the number with
/// <c>ListUrl.PageOf(Request)</c>, from the query alone.
/// </summary>
[Collection(PeopleCollection.Name)]
public class PageNumberBindingTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task AuditLog_SecondPage_ShowsTheNextEntries()
    {
        // 55 entries newer than any other (a year ahead), so the first page is 50 of them and the second the other 5.
        var marker = "paging-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTime.UtcNow.AddYears(1);
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
            {
                db.AuditEntries.Add(new AuditEntry { At = at.AddSeconds(i), Action = Marketplace.Web.Features.Security.AuditActions.AuditExport, SubjectType = "test", SubjectId = $"{marker}-{i:D2}" });
            }
            return await db.SaveChangesAsync();
        });
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var first = await office.GetStringAsync("/admin/audit?action=audit.export");
        var second = await office.GetStringAsync("/admin/audit?action=audit.export&page=2");
        Assert.Contains($"{marker}-54", first);
        Assert.DoesNotContain($"{marker}-04", first);
        Assert.Contains($"{marker}-04", second);
        Assert.DoesNotContain($"{marker}-54", second);
    }

    [Fact]
    public void NoPageModel_BindsAValueNamedPage_ExceptFromTheQuery()
    {
        var offenders = new List<string>();
        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(pageModels);
        foreach (var type in pageModels)
        {
            foreach (var handler in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith("On", StringComparison.Ordinal)))
            {
                foreach (var p in handler.GetParameters())
                {
                    var fromQuery = p.GetCustomAttribute<FromQueryAttribute>();
                    var name = fromQuery?.Name ?? p.GetCustomAttribute<BindAttribute>()?.Prefix ?? p.Name;
                    if (fromQuery is null && string.Equals(name, "page", StringComparison.OrdinalIgnoreCase)) offenders.Add($"{type.FullName}.{handler.Name}({p.Name})");
                }
            }
            var bindsAll = type.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var bind = prop.GetCustomAttribute<BindPropertyAttribute>();
                if (bind is null && !bindsAll) continue;
                var fromQuery = prop.GetCustomAttribute<FromQueryAttribute>();
                var name = fromQuery?.Name ?? bind?.Name ?? prop.Name;
                if (fromQuery is null && string.Equals(name, "page", StringComparison.OrdinalIgnoreCase)) offenders.Add($"{type.FullName}.{prop.Name}");
            }
        }
        Assert.Empty(offenders);
    }
}
