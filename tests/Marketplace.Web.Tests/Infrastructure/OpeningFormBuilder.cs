using System.Globalization;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>Builds the fields of a valid opening form; tests override the one field they are about.</summary>
public sealed class OpeningFormBuilder
{
    private readonly Dictionary<string, string> _fields = new()
    {
        ["Input.Notice"] = "",
        ["Input.Title"] = "テスト用CIO補佐官",
        ["Input.RoleCode"] = "cio_advisor",
        ["Input.EngagementCode"] = "part_time_appointee",
        ["Input.Description"] = "試験のための募集です。",
        ["Input.Duties"] = "DX推進計画の策定\n職員研修",
        ["Input.Positions"] = "1",
        ["Input.FirstTermMonths"] = "12",
        ["Input.RenewalRule"] = "Unlimited",
        ["Input.PayAmount"] = "300000",
        ["Input.PayUnit"] = "Month",
        ["Input.DaysPerWeek"] = "2",
        ["Input.OnsiteDays"] = "2",
        ["Input.OnsitePeriod"] = "Month",
        ["Input.RemoteAllowed"] = "true",
        ["Input.ApplicationDeadline"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.SelectionSteps"] = "書類選考\n面接",
        ["Input.ConcurrencyToken"] = "",
    };

    private readonly List<KeyValuePair<string, string>> _extra = [];

    public OpeningFormBuilder With(string field, string value)
    {
        _fields[$"Input.{field}"] = value;
        return this;
    }

    public OpeningFormBuilder Add(string field, string value)
    {
        _extra.Add(new($"Input.{field}", value));
        return this;
    }

    public List<KeyValuePair<string, string>> Build() => [.. _fields, .. _extra];
}
