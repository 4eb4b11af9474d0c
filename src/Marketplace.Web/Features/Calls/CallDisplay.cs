namespace Marketplace.Web.Features.Calls;

public enum CallPhase
{
    Draft,
    Questions,
    Submissions,
    Evaluation,
    Awarded,
    Cancelled,
}

/// <summary>How a call's money, period, phase and formula read on a page, in the request's language.</summary>
public sealed class CallDisplay(IStringLocalizer<SharedResource> t, DisplayFormatter fmt, TimeProvider clock)
{
    public CallPhase Phase(ProposalCall c)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return c.Status switch
        {
            CallStatus.Draft => CallPhase.Draft,
            CallStatus.Awarded => CallPhase.Awarded,
            CallStatus.Cancelled => CallPhase.Cancelled,
            _ => now <= c.QuestionDeadline ? CallPhase.Questions : now < c.SubmissionDeadline ? CallPhase.Submissions : CallPhase.Evaluation,
        };
    }

    public string PhaseLabel(ProposalCall c) => t[$"Call_Phase_{Phase(c)}"];

    public string Basis(bool included) => included ? t["Call_TaxIncluded"] : t["Call_TaxExcluded"];

    /// <summary>33,000,000円（税抜）（税込 36,300,000円）: the amount as set, and the other basis at the current rate.</summary>
    public string Amount(long yen, bool taxIncluded)
    {
        var other = ConsumptionTax.OnBasis(yen, taxIncluded, !taxIncluded);
        return t["Call_AmountBoth", fmt.Yen(yen), Basis(taxIncluded), Basis(!taxIncluded), fmt.Yen(other), ConsumptionTax.RatePercent];
    }

    /// <summary>Whole months from the start, then the days left: 15 Dec – 31 Mar is 3 months and 17 days.</summary>
    public static (int Months, int Days) Length(DateOnly start, DateOnly end)
    {
        var months = 0;
        // Month m covers start + m months up to the day before start + (m + 1) months.
        while (start.AddMonths(months + 1).AddDays(-1) <= end) months++;
        var days = end.DayNumber - start.AddMonths(months).DayNumber + 1;
        return (months, Math.Max(0, days));
    }

    public string LengthText(ProposalCall c)
    {
        var (months, days) = Length(c.ContractStart, c.ContractEnd);
        return days == 0 ? t["Call_Length_Months", fmt.Months(months)]
            : months == 0 ? t["Call_Length_Days", fmt.Days(days)]
            : t["Call_Length_MonthsDays", fmt.Months(months), fmt.Days(days)];
    }

    /// <summary>The contract in whole months, a remainder of half a month or more counting as one (for spreading the ceiling).</summary>
    public static int Months(ProposalCall c)
    {
        var (months, days) = Length(c.ContractStart, c.ContractEnd);
        return Math.Max(1, months + (days >= 15 ? 1 : 0));
    }

    /// <summary>A contract reaching past the fiscal year it starts in is a multi-year contract (債務負担行為).</summary>
    public static bool MultiYear(ProposalCall c)
    {
        var fiscalEnd = new DateOnly(c.ContractStart.Month >= 4 ? c.ContractStart.Year + 1 : c.ContractStart.Year, 3, 31);
        return c.ContractEnd > fiscalEnd;
    }

    public string Period(ProposalCall c) =>
        t["Call_PeriodText", fmt.Date(c.ContractStart), fmt.Date(c.ContractEnd), LengthText(c), MultiYear(c) ? t["Call_MultiYear"] : t["Call_SingleYear"]];

    /// <summary>
    /// The ceiling as a day rate comparable with openings: spread over the contract, at a load between the
    /// required on-site presence and five person-days a week, with that assumption in words.
    /// </summary>
    public string DayRateEquivalent(ProposalCall c)
    {
        var r = Marketplace.Matching.Pay.ComparablePay.CallEquivalent(c.CeilingYen, c.CeilingTaxIncluded, Months(c), c.OnsiteDaysPerWeek);
        return t["Call_DayRateEquivalent", fmt.Yen(r.LowYen), fmt.Yen(r.HighYen), fmt.Number(r.Workload.MinDaysPerWeek), fmt.Number(r.Workload.MaxDaysPerWeek), LengthText(c)];
    }

    public string Formula(ProposalCall c) => c.PriceFormula switch
    {
        PriceFormula.LowestRatio => t["Call_Formula_LowestRatio_Text", c.PriceWeight],
        _ => t["Call_Formula_CeilingDiscount_Text", c.PriceWeight],
    };

    public string FormulaOption(PriceFormula f) => t[$"Call_Formula_{f}"];

    public string Score(decimal v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";
}

/// <summary>What the proposal partial shows: the same body for the vendor's own view and the opened staff view.</summary>
public sealed record ProposalView(
    ProposalCall Call,
    Proposal Proposal,
    IReadOnlyDictionary<int, Applications.ConflictFlag> Flags,
    IReadOnlyList<AttachmentInfo> Attachments,
    string AttachmentBaseUrl);
