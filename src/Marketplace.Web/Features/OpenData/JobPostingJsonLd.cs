using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Marketplace.Web.Features.OpenData;

/// <summary>
/// schema.org <c>JobPosting</c> for an opening page, so search engines and aggregators read the posting as data:
/// the posted pay with its unit, the government as hiring organisation, the deadline, and remote work.
/// </summary>
public static class JobPostingJsonLd
{
    // Escapes <, >, & and quotes so the text can sit inside a <script> element; Japanese stays readable.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Build(Opening o, string baseUrl)
    {
        var org = o.Organization!;
        var region = org.Prefecture?.NameJa ?? org.NameJa;
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org/",
            ["@type"] = "JobPosting",
            ["title"] = o.Title,
            ["description"] = o.Description,
            ["identifier"] = new JsonObject { ["@type"] = "PropertyValue", ["name"] = org.NameJa, ["value"] = o.Id.ToString(CultureInfo.InvariantCulture) },
            ["url"] = $"{baseUrl.TrimEnd('/')}/openings/{o.Id}",
            ["datePosted"] = (o.PublishedAt ?? o.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // The deadline is the whole day in Japan.
            ["validThrough"] = o.ApplicationDeadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59+09:00",
            ["employmentType"] = new JsonArray([.. EmploymentTypes(o.EngagementCode).Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["hiringOrganization"] = new JsonObject
            {
                ["@type"] = "GovernmentOrganization",
                ["name"] = org.NameJa,
                ["alternateName"] = org.NameEn,
                ["identifier"] = org.Code,
            },
            ["jobLocation"] = new JsonObject
            {
                ["@type"] = "Place",
                ["address"] = new JsonObject
                {
                    ["@type"] = "PostalAddress",
                    ["addressCountry"] = "JP",
                    ["addressRegion"] = region,
                    ["addressLocality"] = org.Kind == OrganizationKind.Prefecture ? null : org.NameJa,
                    ["streetAddress"] = o.WorkLocation,
                },
            },
        };
        if (o.Department is not null) ld["occupationalCategory"] = o.Department;
        if (o.RemoteAllowed)
        {
            ld["jobLocationType"] = "TELECOMMUTE";
            ld["applicantLocationRequirements"] = new JsonObject { ["@type"] = "Country", ["name"] = "JP" };
        }
        if (!o.PayNotStated)
        {
            ld["baseSalary"] = new JsonObject
            {
                ["@type"] = "MonetaryAmount",
                ["currency"] = "JPY",
                ["value"] = new JsonObject
                {
                    ["@type"] = "QuantitativeValue",
                    ["value"] = o.PayAmountYen,
                    // schema.org has no unit for a whole contract; the total is then given per year of the term.
                    ["unitText"] = o.PayUnit switch
                    {
                        PayUnit.Year => "YEAR",
                        PayUnit.Month => "MONTH",
                        PayUnit.Day => "DAY",
                        PayUnit.Hour => "HOUR",
                        _ => "YEAR",
                    },
                },
            };
            if (o.PayUnit == PayUnit.ContractTotal && o.FirstTermMonths > 0)
            {
                ld["baseSalary"]!["value"]!["value"] = (long)Math.Round(o.PayAmountYen * 12.0 / o.FirstTermMonths);
            }
        }
        return ld.ToJsonString(Options);
    }

    /// <summary>schema.org employment types of an engagement form.</summary>
    public static string[] EmploymentTypes(string engagementCode) => engagementCode switch
    {
        "fixed_term_staff" => ["FULL_TIME", "TEMPORARY"],
        "part_time_appointee" or "fiscal_year_appointee" => ["PART_TIME", "TEMPORARY"],
        "outsourced" => ["CONTRACTOR"],
        _ => ["OTHER"],
    };
}
