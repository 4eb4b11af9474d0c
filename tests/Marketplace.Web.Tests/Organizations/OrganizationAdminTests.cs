using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Marketplace.Data.Entities;
using Marketplace.Matching.Codes;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Organizations;

[Collection(PeopleCollection.Name)]
public class OrganizationAdminTests(MarketplaceFactory factory)
{
    /// <summary>A valid code of 愛媛県 (38) for a body number the seed does not use.</summary>
    private static string Code(string body3) => "38" + body3 + LocalGovernmentCode.CheckDigit("38" + body3);

    private static string FullWidth(string digits) => new(digits.Select(c => (char)(c - '0' + '０')).ToArray());

    [Fact]
    public async Task Add_FullWidthCode_SavedAndListed()
    {
        var code = Code("999");
        Assert.False(await ExistsAsync(code));
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await AddAsync(office, FullWidth(code), "town", "試験町", "Shiken Town");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var org = await factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Code == code));
        Assert.Equal("38", org.PrefectureCode);
        Assert.Equal(OrganizationKind.Town, org.Kind);
        Assert.Equal("試験町", org.NameJa);

        var list = await office.GetStringAsync($"/admin/organizations?q={code}");
        Assert.Contains($"<td>{code}</td>", list);
        Assert.Contains("試験町", list);
        Assert.Contains($"試験町（団体コード {code}）を登録しました。", list); // the notice after the redirect

        // A staff request can now name it.
        var email = $"shiken-{Guid.NewGuid():N}@example.jp";
        var request = await factory.NewClient().PostFormAsync("/account/register-staff",
        [
            new("Input.OrganizationCode", code), new("Input.DisplayName", "試験 職員"), new("Input.Email", email),
            new("Input.Password", "test-pass-2026x"), new("Input.ConfirmPassword", "test-pass-2026x"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
    }

    [Fact]
    public async Task Add_WrongCheckDigit_MessageHasCorrectCodeAndNothingSaved()
    {
        var right = Code("998");
        var wrong = right[..5] + (char)('0' + (right[5] - '0' + 1) % 10);
        Assert.False(await ExistsAsync(right));
        Assert.False(await ExistsAsync(wrong));
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await AddAsync(office, FullWidth(wrong), "village", "誤り村", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"団体コードの検査数字（6桁目）が正しくありません。先頭5桁が正しければ、コードは {right} です。", html);
        Assert.False(await ExistsAsync(right));
        Assert.False(await ExistsAsync(wrong));
        Assert.False(await factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.NameJa == "誤り村")));
    }

    [Fact]
    public async Task Add_PrefectureBodyCode_Refused()
    {
        var prefectureCode = LocalGovernmentCode.ForPrefecture("38"); // 愛媛県 itself
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var before = await CountAsync();

        var response = await AddAsync(office, prefectureCode, "city", "県のコードの市", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("このコードは都道府県のコードです。市区町村のコードを入力してください。", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Add_PrefectureKind_Refused()
    {
        var code = Code("992");
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var response = await AddAsync(office, code, "prefecture", "県の種類", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("団体の種類（政令指定都市・市・特別区・町・村）を選択してください。", await response.Content.ReadAsStringAsync());
        Assert.False(await ExistsAsync(code));
    }

    [Fact]
    public async Task Add_DuplicateCode_Refused()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var before = await CountAsync();

        var response = await AddAsync(office, "382078", "city", "大洲市（二重）", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("団体コード 382078 はすでに登録されています。", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
        Assert.Equal("大洲市", await factory.WithDbAsync(db => db.Organizations.Where(o => o.Code == "382078").Select(o => o.NameJa).SingleAsync()));
    }

    [Fact]
    public async Task Import_OneBadRow_EveryErrorListedAndNothingImported()
    {
        var a = Code("995");
        var b = Code("996");
        var bad = Code("997");
        var badWrong = bad[..5] + (char)('0' + (bad[5] - '0' + 1) % 10);
        Assert.False(await ExistsAsync(a));
        Assert.False(await ExistsAsync(b));
        var csv = $"org_code,kind,name_ja,name_en\n{a},town,一括甲町,Ikkatsu-Ko Town\n{badWrong},prefecture,一括乙村,\n{FullWidth(b)},village,一括丙村,Ikkatsu-Hei Village\n";
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var before = await CountAsync();

        var response = await ImportAsync(office, csv, "bad-rows.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ファイルに2件の誤りがあるため、登録は行っていません。", html);
        Assert.Contains($"bad-rows.csv:3: org_code: 団体コードの検査数字（6桁目）が正しくありません。先頭5桁が正しければ、コードは {bad} です。", html);
        Assert.Contains("bad-rows.csv:3: kind: 団体の種類（政令指定都市・市・特別区・町・村）を選択してください。", html);
        Assert.DoesNotContain("bad-rows.csv:2:", html);
        Assert.DoesNotContain("bad-rows.csv:4:", html);

        Assert.Equal(before, await CountAsync());
        Assert.False(await ExistsAsync(a));
        Assert.False(await ExistsAsync(b));
    }

    [Fact]
    public async Task Import_ValidFile_AddsThenSkipsOnSecondImport()
    {
        var a = Code("993");
        var b = Code("994");
        Assert.False(await ExistsAsync(a));
        Assert.False(await ExistsAsync(b));
        // BOM, CRLF, a quoted name with a comma, an extra ignored column and columns in another order.
        var csv = $"\uFEFFname_ja,org_code,note,kind,name_en\r\n取込町,{a},x,town,\"Torikomi Town, Ehime\"\r\n取込村,{FullWidth(b)},,village,Torikomi Village\r\n";
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var first = await ImportAsync(office, csv, "valid.csv");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("2件の団体を登録しました（登録済みの0件は省略しました）。", await office.GetStringAsync("/admin/organizations"));

        var (town, village) = await factory.WithDbAsync(async db => (
            await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == a),
            await db.Organizations.AsNoTracking().SingleAsync(o => o.Code == b)));
        Assert.Equal(("取込町", OrganizationKind.Town, "Torikomi Town, Ehime", "38"), (town.NameJa, town.Kind, town.NameEn, town.PrefectureCode));
        Assert.Equal(("取込村", OrganizationKind.Village), (village.NameJa, village.Kind));
        var count = await CountAsync();

        var second = await ImportAsync(office, csv, "valid.csv");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("0件の団体を登録しました（登録済みの2件は省略しました）。", await office.GetStringAsync("/admin/organizations"));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Import_DuplicateCodeInFile_ReportedWithLine()
    {
        var a = Code("991");
        var csv = $"org_code,kind,name_ja\n{a},town,重複町\n{a},town,重複町\n";
        var office = await factory.SignedInAsync(WebClientExtensions.Office);

        var response = await ImportAsync(office, csv, "dup.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"dup.csv:3: org_code: 団体コード {a} がファイル内で重複しています。", await response.Content.ReadAsStringAsync());
        Assert.False(await ExistsAsync(a));
    }

    [Fact]
    public async Task Import_MissingColumn_Reported()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        var response = await ImportAsync(office, $"org_code,name_ja\n{Code("990")},欠落町\n", "nokind.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nokind.csv：列「kind」がありません。", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_NoFile_AsksForFile()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await office.TokenAsync("/admin/organizations/import")), "__RequestVerificationToken" },
        };
        var response = await office.PostAsync("/admin/organizations/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CSVファイルを選択してください。", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(WebClientExtensions.OsakaStaff, "/admin/organizations")]
    [InlineData(WebClientExtensions.OsakaStaff, "/admin/organizations/import")]
    [InlineData(WebClientExtensions.Expert, "/admin/organizations/import")]
    [InlineData(WebClientExtensions.Vendor, "/admin/organizations")]
    public async Task AdminPages_NonOffice_AccessDenied(string email, string url)
    {
        var client = await factory.SignedInAsync(email);
        WebClientExtensions.AssertAccessDenied(await client.GetAsync(url));
    }

    [Fact]
    public async Task Add_PostedByStaff_AccessDeniedAndNothingSaved()
    {
        var code = Code("989");
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var response = await osaka.PostFormAsync("/admin/organizations",
            [new("Input.Code", code), new("Input.Kind", "town"), new("Input.NameJa", "不正町"), new("Input.NameEn", "")], "/manage/staff/invite");
        WebClientExtensions.AssertAccessDenied(response);
        Assert.False(await ExistsAsync(code));
    }

    [Fact]
    public async Task Import_PostedByStaff_AccessDeniedAndNothingSaved()
    {
        var code = Code("988");
        var osaka = await factory.SignedInAsync(WebClientExtensions.OsakaStaff);
        var response = await ImportAsync(osaka, $"org_code,kind,name_ja\n{code},town,不正取込町\n", "x.csv", "/manage/staff/invite");
        WebClientExtensions.AssertAccessDenied(response);
        Assert.False(await ExistsAsync(code));
    }

    [Fact]
    public async Task AdminPages_Office_Open()
    {
        var office = await factory.SignedInAsync(WebClientExtensions.Office);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/admin/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/admin/organizations/import")).StatusCode);
    }

    // ---- helpers ----

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, string code, string kind, string nameJa, string nameEn) =>
        client.PostFormAsync("/admin/organizations",
            [new("Input.Code", code), new("Input.Kind", kind), new("Input.NameJa", nameJa), new("Input.NameEn", nameEn)],
            "/admin/organizations");

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string fileName, string tokenPage = "/admin/organizations/import")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await client.TokenAsync(tokenPage)), "__RequestVerificationToken" },
            { file, "file", fileName },
        };
        return await client.PostAsync("/admin/organizations/import", content);
    }

    private Task<bool> ExistsAsync(string code) => factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Code == code));

    private Task<int> CountAsync() => factory.WithDbAsync(db => db.Organizations.CountAsync());
}
