namespace Marketplace.Matching.Codes;

/// <summary>The 6-digit 全国地方公共団体コード: 2-digit prefecture, 3-digit body, check digit.</summary>
public static class LocalGovernmentCode
{
    /// <summary>s = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5, r = s mod 11, check = (11 − r) mod 10.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstFive)
    {
        if (firstFive.Length != 5) throw new ArgumentException("Five digits expected.", nameof(firstFive));
        var s = 0;
        for (var i = 0; i < 5; i++)
        {
            s += (6 - i) * (firstFive[i] - '0');
        }
        return (11 - s % 11) % 10;
    }

    public static CodeCheck Check(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length != 6 || !code.All(char.IsAsciiDigit)) return CodeCheck.NotSixDigits;
        var pref = int.Parse(code.AsSpan(0, 2));
        if (pref is < 1 or > 47) return CodeCheck.UnknownPrefecture;
        return CheckDigit(code.AsSpan(0, 5)) == code[5] - '0' ? CodeCheck.Valid : CodeCheck.WrongCheckDigit;
    }

    public static bool IsValid(string? code) => Check(code) == CodeCheck.Valid;

    /// <summary>A prefecture's own body code ends in 000 plus the check digit (東京都 130001).</summary>
    public static bool IsPrefectureBody(string code) => IsValid(code) && code.AsSpan(2, 3).SequenceEqual("000");

    public static string ForPrefecture(string prefectureCode)
    {
        var five = prefectureCode + "000";
        return five + CheckDigit(five);
    }
}

public enum CodeCheck
{
    Valid,
    NotSixDigits,
    UnknownPrefecture,
    WrongCheckDigit,
}

/// <summary>The 13-digit 法人番号: a check digit followed by a 12-digit base.</summary>
public static class CorporateNumber
{
    /// <summary>check = 9 − (Σ Pn·Qn mod 9), Pn the n-th digit of the base from the right, Qn = 1 for odd n, 2 for even n.</summary>
    public static int CheckDigit(ReadOnlySpan<char> base12)
    {
        if (base12.Length != 12) throw new ArgumentException("Twelve digits expected.", nameof(base12));
        var sum = 0;
        for (var n = 1; n <= 12; n++)
        {
            var p = base12[12 - n] - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    public static bool IsValid(string? number) =>
        number is { Length: 13 } && number.All(char.IsAsciiDigit) && CheckDigit(number.AsSpan(1)) == number[0] - '0';
}
