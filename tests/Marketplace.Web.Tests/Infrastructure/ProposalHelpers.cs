using System.Globalization;
using System.Net;
using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Builds and drives calls for proposals through the real pages, with deadlines relative to the factory's clock.</summary>
public static class ProposalHelpers
{
    public const string Vendor2 = "vendor2@demo.cio-marketplace.jp";
    public const string MaibaraStaff2 = "maibara2@demo.cio-marketplace.jp";

    /// <summary>Japan time <paramref name="hours"/> from the app's now, as a datetime-local input sends it.</summary>
    public static string JstIn(this MarketplaceFactory factory, double hours) =>
        TimeZoneInfo.ConvertTimeFromUtc(factory.Clock.GetUtcNow().UtcDateTime.AddHours(hours), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"))
            .ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Moves the app's clock past the deadlines of <see cref="CallForm"/> (one hour ahead), but by less than
    /// the sign-in cookie's lifetime, so the test's browsers stay signed in.
    /// </summary>
    public static void PassDeadline(this MarketplaceFactory factory) => factory.Clock.Advance(TimeSpan.FromMinutes(90));

    private static string DayIn(this MarketplaceFactory factory, int days) =>
        factory.Clock.GetUtcNow().UtcDateTime.AddHours(9).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A call like 米原市's: ceiling 33,000,000 tax excluded, roles CIO補佐官 / 実務管理者 (own employee) /
    /// 担当者, two criteria (40 + 40) and a price score of 20 by the lowest-price ratio.
    /// </summary>
    public static List<KeyValuePair<string, string>> CallForm(this MarketplaceFactory factory, string title, bool combinable = true, string ceiling = "33,000,000", bool taxIncluded = false) =>
    [
        new("Input.Title", title),
        new("Input.Purpose", "CIOを支援する業務を委託する。"),
        new("Input.Scope", "CIOへの助言\n職員研修"),
        new("Input.Eligibility", "地方自治法施行令第167条の4に該当しない者"),
        new("Input.ContractStart", factory.DayIn(40)),
        new("Input.ContractEnd", factory.DayIn(40 + 3 * 365)),
        new("Input.Ceiling", ceiling),
        new("Input.CeilingTaxIncluded", taxIncluded ? "true" : "false"),
        new("Input.OnsiteDaysPerWeek", "1"),
        new("Input.OnsiteNotes", "平均週1日、又は週2回半日ずつ"),
        new("Input.QuestionDeadline", factory.JstIn(0.5)),
        new("Input.SubmissionDeadline", factory.JstIn(1)),
        new("Input.ScoreScale", "5"),
        new("Input.PriceWeight", "20"),
        new("Input.PriceFormula", nameof(PriceFormula.LowestRatio)),
        new("Input.Roles[0].Name", "CIO補佐官"),
        new("Input.Roles[0].MayCombine", combinable ? "true" : "false"),
        new("Input.Roles[1].Name", "実務管理者"),
        new("Input.Roles[1].MustBeOwnEmployee", "true"),
        new("Input.Roles[1].MayCombine", combinable ? "true" : "false"),
        new("Input.Roles[2].Name", "担当者"),
        new("Input.Roles[2].MayCombine", "true"),
        new("Input.Criteria[0].Name", "実施方針"),
        new("Input.Criteria[0].Weight", "40"),
        new("Input.Criteria[1].Name", "実施体制"),
        new("Input.Criteria[1].Weight", "40"),
    ];

    public static async Task<int> CreateCallAsync(this MarketplaceFactory factory, HttpClient staff, List<KeyValuePair<string, string>> form, bool publish = true)
    {
        var response = await staff.PostFormAsync("/manage/calls/new", form, "/manage/calls");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(WebClientExtensions.LocationPath(response).Split('/').Last(), CultureInfo.InvariantCulture);
        if (publish)
        {
            var token = await factory.WithDbAsync(async db => db.ConcurrencyTokenOf(await db.ProposalCalls.SingleAsync(c => c.Id == id)));
            var published = await staff.PostFormAsync($"/manage/calls/{id}?handler=Publish", [new("token", token)], "/manage/calls");
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        return id;
    }

    public static Task<Dictionary<string, int>> RoleIdsAsync(this MarketplaceFactory factory, int callId) =>
        factory.WithDbAsync(db => db.CallRoles.Where(r => r.CallId == callId).ToDictionaryAsync(r => r.Name, r => r.Id));

    /// <summary>The demo vendor's staff by name (see DemoDataSeeder): employees and one contractor.</summary>
    public static Task<List<VendorStaffMember>> StaffOfAsync(this MarketplaceFactory factory, string vendorEmail) =>
        factory.WithDbAsync(db => db.VendorStaffMembers.Where(m => db.Users.Any(u => u.Email == vendorEmail && u.VendorCompanyId == m.VendorCompanyId)).OrderBy(m => m.Id).ToListAsync());

    public static async Task<HttpResponseMessage> SubmitProposalAsync(this HttpClient vendor, int callId, string price, string basis, IReadOnlyDictionary<int, int> staffing, string approach = "自治体DXの伴走支援を行います。", string? token = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Price", price), new("Input.PriceBasis", basis), new("Input.Approach", approach),
        };
        fields.AddRange(staffing.Select(s => new KeyValuePair<string, string>($"Input.Staffing[{s.Key}]", s.Value.ToString(CultureInfo.InvariantCulture))));
        if (token is not null) fields.Add(new("Input.ConcurrencyToken", token));
        return await vendor.PostFormAsync($"/vendor/calls/{callId}/proposal", fields, "/vendor");
    }

    /// <summary>Each role filled by a different employee/person of the vendor, the employee first for the own-employee role.</summary>
    public static async Task<Dictionary<int, int>> DistinctStaffingAsync(this MarketplaceFactory factory, int callId, string vendorEmail)
    {
        var roles = await factory.RoleIdsAsync(callId);
        var staff = await factory.StaffOfAsync(vendorEmail);
        var employee = staff.First(s => s.IsEmployee);
        var other = staff.First(s => s.Id != employee.Id);
        return new Dictionary<int, int> { [roles["CIO補佐官"]] = other.Id, [roles["実務管理者"]] = employee.Id, [roles["担当者"]] = other.Id };
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url, string tokenPage, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await client.TokenAsync(tokenPage)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return await client.PostAsync(url, form);
    }

    /// <summary>A minimal but well-formed PDF: header, one empty page, trailer.</summary>
    public static byte[] TinyPdf(string marker = "") => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% " + marker + "\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>
    /// Makes the Maibara staff member the committee of one, passes the deadline, scores the call's only proposal 4 on every
    /// criterion and confirms: the call is then ready for the award. Returns the proposal's id.
    /// </summary>
    public static async Task<int> ScoreSoleProposalAsync(this MarketplaceFactory factory, HttpClient staff, int callId)
    {
        var me = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == WebClientExtensions.MaibaraStaff).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/committee", [new("members", me), new("chair", me)], "/manage/calls")).StatusCode);
        factory.PassDeadline();
        var proposal = await factory.WithDbAsync(db => db.Proposals.Where(p => p.CallId == callId).Select(p => p.Id).SingleAsync());
        var criteria = await factory.WithDbAsync(db => db.EvaluationCriteria.Where(c => c.CallId == callId).Select(c => c.Id).ToListAsync());
        var sheet = new List<KeyValuePair<string, string>> { new("submit", "1") };
        sheet.AddRange(criteria.Select(c => new KeyValuePair<string, string>($"scores[p{proposal}c{c}]", "4")));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/sheet", sheet, "/manage/calls")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/manage/calls/{callId}/evaluation?handler=Confirm", [], "/manage/calls")).StatusCode);
        return proposal;
    }
}
