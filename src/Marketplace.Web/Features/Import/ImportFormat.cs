using System.Reflection;
using Marketplace.Web.Features.PastResults;

namespace Marketplace.Web.Features.Import;

/// <summary>What one file holds: drafts of openings or calls, or results recorded after the fact.</summary>
public enum ImportKind
{
    Openings,
    Calls,
    PastCalls,
    PastAppointments,
}

public enum CellType
{
    Text,
    Bool,
    List,
}

/// <summary>One column of a file: its name (the form's field name) and how a cell is put into the form's input.</summary>
public sealed record ImportColumn(string Name, CellType Type, Action<object, string> Set);

/// <summary>One cell as read, with where it starts in the file (1-based line and character column).</summary>
public sealed record ImportCell(string Value, int Line, int Column);

/// <summary>One row: where it starts, and its cells by column name (blank cells included, so a missing value has a place).</summary>
public sealed record ImportRow(int Line, int Column, Dictionary<string, ImportCell> Cells)
{
    public string? Value(string column) => Cells.TryGetValue(column, out var c) && c.Value.Trim().Length > 0 ? c.Value : null;

    /// <summary>Where a problem with <paramref name="column"/> is reported: its cell, or the row's start when the file has no such cell.</summary>
    public (int Line, int Column) PlaceOf(string column) => Cells.TryGetValue(column, out var c) ? (c.Line, c.Column) : (Line, Column);
}

/// <summary>A problem found in a file, at its place; <see cref="ColumnName"/> is empty for problems of the whole row or file.</summary>
public sealed record ImportProblem(int Line, int Column, string ColumnName, string Message)
{
    public string Format(string fileName) => ColumnName.Length > 0
        ? $"{fileName}:{Line}:{Column}: {ColumnName}: {Message}"
        : $"{fileName}:{Line}:{Column}: {Message}";
}

/// <summary>
/// The columns of each kind of file are the fields of the form that records the same thing (the form's input class), so a
/// file is checked by exactly the form's rules and a field added to a form is importable at once. Call roles and
/// evaluation criteria are numbered like the form's rows: <c>Roles[0].Name</c>, <c>Criteria[2].Weight</c>.
/// </summary>
public static class ImportFormat
{
    public const string OrganizationCode = "OrganizationCode";

    /// <summary>Form fields that make no sense in a file: the notice picker, correction reasons, concurrency tokens.</summary>
    private static readonly HashSet<string> NotImported = ["Notice", "NewNoticeTitle", "CorrectionReason", "ConcurrencyToken"];

    private static readonly Dictionary<ImportKind, IReadOnlyList<ImportColumn>> ColumnsByKind = new()
    {
        [ImportKind.Openings] = [new(OrganizationCode, CellType.Text, (_, _) => { }), .. ColumnsOf(typeof(OpeningInput), "")],
        [ImportKind.Calls] = [new(OrganizationCode, CellType.Text, (_, _) => { }), .. ColumnsOf(typeof(CallInput), ""), .. CallRows()],
        [ImportKind.PastCalls] = ColumnsOf(typeof(PastCallInput), ""),
        [ImportKind.PastAppointments] = ColumnsOf(typeof(PastAppointmentInput), ""),
    };

    private static readonly Dictionary<ImportKind, Dictionary<string, ImportColumn>> ByKey =
        ColumnsByKind.ToDictionary(k => k.Key, k => k.Value.ToDictionary(c => Key(c.Name)));

    public static IReadOnlyList<ImportColumn> Columns(ImportKind kind) => ColumnsByKind[kind];

    /// <summary>The column a header names: the field name in any case, with or without underscores (pay_amount = PayAmount).</summary>
    public static ImportColumn? Find(ImportKind kind, string header) => ByKey[kind].GetValueOrDefault(Key(header));

    public static object NewInput(ImportKind kind) => kind switch
    {
        ImportKind.Openings => new OpeningInput(),
        ImportKind.Calls => new CallInput { Roles = [.. Enumerable.Range(0, CallInput.RoleRows).Select(_ => new RoleInput())], Criteria = [.. Enumerable.Range(0, CallInput.CriterionRows).Select(_ => new CriterionInput())] },
        ImportKind.PastCalls => new PastCallInput(),
        _ => new PastAppointmentInput(),
    };

    private static string Key(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormKC).Trim().Where(ch => ch is not ('_' or ' ' or '-')).Select(char.ToLowerInvariant).ToArray());

    /// <summary>true/false, 1/0, yes/no, はい/いいえ, 有/無, ○/×; null when the text is none of these.</summary>
    public static bool? ParseBool(string text) => text.Normalize(System.Text.NormalizationForm.FormKC).Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "y" or "はい" or "有" or "あり" or "○" or "〇" => true,
        "false" or "0" or "no" or "n" or "いいえ" or "無" or "なし" or "×" or "" => false,
        _ => null,
    };

    /// <summary>A list cell: codes separated by semicolons, commas, 読点, spaces or line breaks.</summary>
    public static List<string> ParseList(string text) =>
        [.. text.Split([';', ',', '、', '，', '|', ' ', '　', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    private static List<ImportColumn> ColumnsOf(Type type, string prefix) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !NotImported.Contains(p.Name))
            .Select(p => Column(p, prefix, o => o))
            .OfType<ImportColumn>()];

    private static ImportColumn? Column(PropertyInfo p, string prefix, Func<object, object> target)
    {
        if (p.PropertyType == typeof(string)) return new(prefix + p.Name, CellType.Text, (o, v) => p.SetValue(target(o), v));
        if (p.PropertyType == typeof(bool)) return new(prefix + p.Name, CellType.Bool, (o, v) => p.SetValue(target(o), ParseBool(v) ?? false));
        if (p.PropertyType == typeof(List<string>)) return new(prefix + p.Name, CellType.List, (o, v) => p.SetValue(target(o), ParseList(v)));
        return null;
    }

    private static IEnumerable<ImportColumn> CallRows()
    {
        for (var i = 0; i < CallInput.RoleRows; i++)
        {
            var row = i;
            foreach (var p in typeof(RoleInput).GetProperties()) yield return Column(p, $"Roles[{i}].", o => ((CallInput)o).Roles[row])!;
        }
        for (var i = 0; i < CallInput.CriterionRows; i++)
        {
            var row = i;
            foreach (var p in typeof(CriterionInput).GetProperties()) yield return Column(p, $"Criteria[{i}].", o => ((CallInput)o).Criteria[row])!;
        }
    }
}
