using System.Globalization;
using System.Text;
using CsvHelper;
using Marketplace.Matching.Codes;
using Marketplace.Matching.Csv;
using Marketplace.Matching.Features;
using Marketplace.Matching.Geo;
using Marketplace.Matching.Ranking;

namespace Marketplace.Matching.Data;

/// <summary>The result of reading a dataset folder: either all the data, or every problem found (never partial data).</summary>
public sealed record DatasetLoadResult(MatchingData? Data, IReadOnlyList<string> Errors)
{
    public bool Success => Data is not null && Errors.Count == 0;
}

/// <summary>The result of reading a dataset folder with its experts indexed for a ranker: all of it, or every problem found.</summary>
public sealed record IndexedDatasetLoadResult(MatchingData? Data, ExpertIndex? Index, IReadOnlyList<string> Errors)
{
    public bool Success => Data is not null && Index is not null && Errors.Count == 0;
}

/// <summary>
/// Reads and writes the matching dataset interchange format, version 1: openings.csv, experts.csv and
/// outcomes.csv (UTF-8, optional BOM, RFC 4180, ';' lists, 0/1 booleans). Every problem is reported as
/// <c>file:line: column: message</c> (CSV syntax problems as <c>file:line:column: message</c>) and nothing is returned on error.
/// Unknown columns are ignored. A folder without outcomes.csv is read as having no outcomes.
/// </summary>
public static class MatchingDataset
{
    public const string OpeningsFile = "openings.csv";
    public const string ExpertsFile = "experts.csv";
    public const string OutcomesFile = "outcomes.csv";

    public static readonly string[] OpeningColumns =
    [
        "opening_id", "org_code", "prefecture_code", "role", "engagement", "term_months", "pay_yen", "pay_unit",
        "pay_tax_included", "days_per_week", "onsite_days_per_month", "required_skills", "preferred_skills",
        "public_sector_experience_required", "certified_cio_only", "title", "description",
    ];

    public static readonly string[] ExpertColumns =
    [
        "expert_id", "home_prefecture_code", "skills", "certifications", "years_experience", "public_sector_years",
        "available_days_per_week", "max_onsite_days_per_month", "desired_day_rate_yen", "accepts_engagements",
        "certified_cio", "summary",
    ];

    public static readonly string[] OutcomeColumns = ["opening_id", "expert_id", "stage"];

    private static readonly string[] PayUnitCodes = ["year", "month", "day", "hour", "contract_total"];

    /// <summary>Reads a dataset folder.</summary>
    public static DatasetLoadResult Load(string directory)
    {
        var errors = new List<string>();
        string? Read(string file, bool required)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                if (required) errors.Add($"{file}: file not found in {directory}");
                return null;
            }
            return ReadText(path);
        }
        var o = Read(OpeningsFile, true);
        // The experts' file is first read straight from its bytes (LeanExpertReader); only if that gives up is it read
        // as text and parsed by the paths that report problems.
        var expertsPath = Path.Combine(directory, ExpertsFile);
        var expertIds = new HashSet<string>(StringComparer.Ordinal);
        var lean = o is not null && File.Exists(expertsPath) ? LeanExpertReader.TryReadFile(expertsPath, expertIds, Environment.ProcessorCount) : null;
        var e = lean is null ? Read(ExpertsFile, true) : null;
        var r = Read(OutcomesFile, false);
        if (errors.Count > 0) return new DatasetLoadResult(null, errors);
        if (lean is not null)
        {
            if (TryParseFast(o!, lean, expertIds.Contains, r) is { } data) return new DatasetLoadResult(data, []);
            e = Read(ExpertsFile, true);
        }
        return Parse(o!, e!, r);
    }

    private static string ReadText(string path) => File.ReadAllText(path, new UTF8Encoding(false));

    /// <summary>
    /// Reads a dataset folder and indexes its experts for <paramref name="ranker"/>. A valid experts.csv is indexed
    /// straight from its bytes with the ranker's text weights (<see cref="LeanExpertReader.TryReadIndexFile"/>), and
    /// <see cref="MatchingData.Experts"/> then reads each profile from the file only when asked for. Anything else is
    /// <see cref="Load"/> followed by <see cref="IMatchRanker.BuildIndex"/>, with the same data, index and problems.
    /// </summary>
    /// <param name="textOnDemand">
    /// For a batch that ranks a few openings: the experts' text vectors are then made when ranking first asks for them
    /// (it asks for those that come near the top), not all at once.
    /// </param>
    public static IndexedDatasetLoadResult LoadIndexed(string directory, IMatchRanker ranker, bool textOnDemand = false)
    {
        ArgumentNullException.ThrowIfNull(ranker);
        var openingsPath = Path.Combine(directory, OpeningsFile);
        var expertsPath = Path.Combine(directory, ExpertsFile);
        var outcomesPath = Path.Combine(directory, OutcomesFile);
        if (ranker is MatchRankerBase { Idf: { } idf } && File.Exists(openingsPath) && File.Exists(expertsPath)
            && LeanExpertReader.TryReadIndexFile(expertsPath, idf, Environment.ProcessorCount * 4, textOnDemand) is { } index)
        {
            var outcomes = File.Exists(outcomesPath) ? ReadText(outcomesPath) : null;
            if (TryParseFast(ReadText(openingsPath), index.Experts, id => index.IndexOf(id) >= 0, outcomes) is { } data)
                return new IndexedDatasetLoadResult(data, index, []);
        }
        var loaded = Load(directory);
        return new IndexedDatasetLoadResult(loaded.Data, loaded.Success ? ranker.BuildIndex(loaded.Data!.Experts) : null, loaded.Errors);
    }

    /// <summary>Openings and outcomes around experts already read and checked (null at the first problem).</summary>
    private static MatchingData? TryParseFast(string openingsCsv, IReadOnlyList<ExpertRecord> experts, Func<string, bool> isExpert, string? outcomesCsv)
    {
        var errors = new List<string>();
        var openingIds = new HashSet<string>(StringComparer.Ordinal);
        var openings = ParseOpenings(openingsCsv, errors, openingIds);
        var outcomes = outcomesCsv is null ? [] : ParseOutcomes(outcomesCsv, errors, openingIds, isExpert);
        return errors.Count > 0 ? null : new MatchingData(openings, experts, outcomes);
    }

    /// <summary>Validates and parses the three files' texts (outcomes may be null: none).</summary>
    public static DatasetLoadResult Parse(string openingsCsv, string expertsCsv, string? outcomesCsv) =>
        TryParseFast(openingsCsv, expertsCsv, outcomesCsv) is { } data ? new DatasetLoadResult(data, []) : ParsePlain(openingsCsv, expertsCsv, outcomesCsv);

    /// <summary>
    /// The whole folder read one row after the other: the reference <see cref="Parse"/> equals, and the path that
    /// reports problems (the fast path gives up at the first problem and leaves the report to this one).
    /// </summary>
    internal static DatasetLoadResult ParsePlain(string openingsCsv, string expertsCsv, string? outcomesCsv)
    {
        var errors = new List<string>();
        var openingIds = new HashSet<string>(StringComparer.Ordinal);
        var expertIds = new HashSet<string>(StringComparer.Ordinal);
        var openings = ParseOpenings(openingsCsv, errors, openingIds);
        var experts = ParseExperts(expertsCsv, errors, expertIds);
        var outcomes = outcomesCsv is null ? [] : ParseOutcomes(outcomesCsv, errors, openingIds, expertIds.Contains);
        if (errors.Count > 0) return new DatasetLoadResult(null, errors);
        return new DatasetLoadResult(new MatchingData(openings, experts, outcomes), []);
    }

    /// <summary>Writes the three files (UTF-8 without BOM, LF line ends). Existing files are replaced.</summary>
    public static void Write(string directory, MatchingData data)
    {
        Directory.CreateDirectory(directory);
        var enc = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, OpeningsFile), OpeningsToCsv(data.Openings), enc);
        File.WriteAllText(Path.Combine(directory, ExpertsFile), ExpertsToCsv(data.Experts), enc);
        File.WriteAllText(Path.Combine(directory, OutcomesFile), OutcomesToCsv(data.Outcomes), enc);
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
    private static string B(bool v) => v ? "1" : "0";

    // The interchange format as it has always been written: LF line ends, a field quoted only when it holds a comma, a
    // quote or a line break, numbers invariant (DatasetWritingTests hold the bytes).
    private static readonly CsvWriterOptions WriteFormat = CsvWriterOptions.Default with
    {
        NewLine = "\n", Quoting = CsvQuoting.WhenNeeded, Injection = CsvInjection.None,
    };

    private static string ToCsv<T>(string[] columns, IEnumerable<T> rows, Func<T, string[]> fields)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, WriteFormat, leaveOpen: true))
        {
            foreach (var column in columns) csv.WriteField(column);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var field in fields(row)) csv.WriteField(field);
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    public static string OpeningsToCsv(IEnumerable<OpeningRecord> openings) => ToCsv(OpeningColumns, openings, o =>
    [
        o.Id, o.OrgCode, o.PrefectureCode, o.Role, o.Engagement, o.TermMonths.ToString(CultureInfo.InvariantCulture),
        o.PayYen.ToString(CultureInfo.InvariantCulture), o.PayUnit, B(o.PayTaxIncluded), F(o.DaysPerWeek),
        F(o.OnsiteDaysPerMonth), string.Join(';', o.RequiredSkills), string.Join(';', o.PreferredSkills),
        B(o.PublicSectorExperienceRequired), B(o.CertifiedCioOnly), o.Title, o.Description,
    ]);

    public static string ExpertsToCsv(IEnumerable<ExpertRecord> experts) => ToCsv(ExpertColumns, experts, x =>
    [
        x.Id, x.HomePrefectureCode,
        string.Join(';', x.Skills.Select(s => s.Key + ":" + s.Value.ToString(CultureInfo.InvariantCulture))),
        string.Join(';', x.Certifications), x.YearsExperience.ToString(CultureInfo.InvariantCulture),
        x.PublicSectorYears.ToString(CultureInfo.InvariantCulture), F(x.AvailableDaysPerWeek), F(x.MaxOnsiteDaysPerMonth),
        x.DesiredDayRateYen.ToString(CultureInfo.InvariantCulture), string.Join(';', x.AcceptsEngagements),
        B(x.CertifiedCio), x.Summary,
    ]);

    public static string OutcomesToCsv(IEnumerable<OutcomeRecord> outcomes) =>
        ToCsv(OutcomeColumns, outcomes, r => [r.OpeningId, r.ExpertId, r.Stage]);

    private sealed class Row(string file, CsvRecord record, Dictionary<string, int> columns, List<string> errors)
    {
        public int Line => record.Line;
        public bool Ok { get; private set; } = true;

        public void Error(string column, string message)
        {
            Ok = false;
            errors.Add($"{file}:{record.Line}: {column}: {message}");
        }

        public string Raw(string column) => record.Fields[columns[column]];

        public string Text(string column) => Raw(column);

        public string Id(string column)
        {
            var v = Raw(column).Trim();
            if (v.Length == 0) Error(column, "is empty");
            return v;
        }

        /// <summary>An id that no earlier line of the file has (<paramref name="seen"/>: each id and its first line).</summary>
        public string UniqueId(string column, Dictionary<string, int> seen)
        {
            var id = Id(column);
            if (id.Length > 0 && !seen.TryAdd(id, Line)) Error(column, $"'{id}' is a duplicate of line {seen[id]}");
            return id;
        }

        public long Long(string column, long min)
        {
            var v = Raw(column).Trim();
            if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                Error(column, $"'{v}' is not a whole number");
                return min;
            }
            if (n < min)
            {
                Error(column, $"'{v}' must be at least {min}");
                return min;
            }
            return n;
        }

        public int Int(string column, int min)
        {
            var n = Long(column, min);
            if (n > int.MaxValue)
            {
                Error(column, $"'{n}' is too large");
                return min;
            }
            return (int)n;
        }

        public double Decimal(string column, double min, bool minExclusive, double? max)
        {
            var v = Raw(column).Trim();
            if (!double.TryParse(v, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            {
                Error(column, $"'{v}' is not a number");
                return Math.Max(min, 0.5);
            }
            if (minExclusive ? d <= min : d < min)
            {
                Error(column, $"'{v}' must be {(minExclusive ? "greater than" : "at least")} {F(min)}");
                return Math.Max(min, 0.5);
            }
            if (max is { } m && d > m)
            {
                Error(column, $"'{v}' must be at most {F(m)}");
                return m;
            }
            return d;
        }

        public bool Bool(string column)
        {
            var v = Raw(column).Trim();
            if (v is "0" or "1") return v == "1";
            Error(column, $"'{v}' is not 0 or 1");
            return false;
        }

        public string Code(string column, IReadOnlyList<TaxonomyEntry> list, string what)
        {
            var v = Raw(column).Trim();
            if (list.Any(e => e.Code == v)) return v;
            Error(column, v.Length == 0 ? $"is empty (expected a {what} code)" : $"'{v}' is not a known {what} code");
            return v;
        }

        public string Prefecture(string column)
        {
            var v = Raw(column).Trim();
            if (!Prefectures.IsValid(v)) Error(column, $"'{v}' is not a prefecture code 01–47");
            return v;
        }

        public IReadOnlyList<string> CodeList(string column, IReadOnlyList<TaxonomyEntry> list, string what)
        {
            var result = new List<string>();
            foreach (var item in Items(column))
            {
                if (!list.Any(e => e.Code == item)) Error(column, $"'{item}' is not a known {what} code");
                else if (result.Contains(item)) Error(column, $"'{item}' is listed twice");
                else result.Add(item);
            }
            return result;
        }

        public IEnumerable<string> Items(string column) =>
            Raw(column).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Valid files in parallel: the experts' CSV is cut into pieces parsed at once, and their rows are checked at once
    /// (each with the plain path's own checks); ids and duplicates are then taken in file order. Null at the first
    /// problem of any kind, so that <see cref="ParsePlain"/> reports every problem in its order.
    /// </summary>
    internal static MatchingData? TryParseFast(string openingsCsv, string expertsCsv, string? outcomesCsv)
    {
        var errors = new List<string>();
        var openingIds = new HashSet<string>(StringComparer.Ordinal);
        var expertIds = new HashSet<string>(StringComparer.Ordinal);
        var openings = ParseOpenings(openingsCsv, errors, openingIds);
        if (errors.Count > 0) return null;
        var experts = ParseExpertsParallel(expertsCsv, errors, expertIds);
        if (experts is null || errors.Count > 0) return null;
        var outcomes = outcomesCsv is null ? [] : ParseOutcomes(outcomesCsv, errors, openingIds, expertIds.Contains);
        return errors.Count > 0 ? null : new MatchingData(openings, experts, outcomes);
    }

    private static List<ExpertRecord>? ParseExpertsParallel(string csv, List<string> errors, HashSet<string> ids)
    {
        var parts = Environment.ProcessorCount;
        var (records, syntax) = CsvTable.ParseParallel(csv, parts);
        if (syntax.Count > 0) return null;
        if (Rows(ExpertsFile, records, syntax, ExpertColumns, errors) is not { } checkedHeader || errors.Count > 0) return null;
        var (header, columns) = checkedHeader;
        var n = records.Count - 1;
        var parsed = new ExpertRecord?[n];
        var failed = 0;
        var slices = Math.Max(1, Math.Min(parts, n / 2048));
        Parallel.For(0, slices, w =>
        {
            var local = new List<string>();
            for (var i = (int)((long)n * w / slices); i < (int)((long)n * (w + 1) / slices); i++)
            {
                var rec = records[i + 1];
                if (rec.Fields.Count != header.Fields.Count) { Volatile.Write(ref failed, 1); return; }
                var row = new Row(ExpertsFile, rec, columns, local);
                var id = row.Id("expert_id");
                parsed[i] = ParseExpert(row, id);
                if (local.Count > 0) { Volatile.Write(ref failed, 1); return; }
            }
        });
        if (failed != 0) return null;
        var result = new List<ExpertRecord>(n);
        foreach (var x in parsed)
        {
            if (!ids.Add(x!.Id)) return null; // a duplicate: the plain path says of which line
            result.Add(x);
        }
        return result;
    }

    private static List<Row> Rows(string file, string csv, string[] requiredColumns, List<string> errors)
    {
        var (records, syntax) = CsvTable.Parse(csv);
        var rows = new List<Row>();
        if (Rows(file, records, syntax, requiredColumns, errors) is not { } checkedHeader) return rows;
        var (header, columns) = checkedHeader;
        foreach (var rec in records.Skip(1))
        {
            if (rec.Fields.Count != header.Fields.Count)
            {
                errors.Add($"{file}:{rec.Line}: expected {header.Fields.Count} fields as in the header, found {rec.Fields.Count}");
                continue;
            }
            rows.Add(new Row(file, rec, columns, errors));
        }
        return rows;
    }

    /// <summary>Checks the header: its record and the position of each column, or null when a required column is missing.</summary>
    private static (CsvRecord Header, Dictionary<string, int> Columns)? Rows(string file, List<CsvRecord> records, List<CsvSyntaxError> syntax, string[] requiredColumns, List<string> errors)
    {
        foreach (var s in syntax) errors.Add($"{file}:{s.Line}:{s.Column}: {s.Message}");
        if (records.Count == 0)
        {
            errors.Add($"{file}:1: the header row is missing");
            return null;
        }
        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (name.Length == 0) continue;
            if (!columns.TryAdd(name, i)) errors.Add($"{file}:{header.Line}: {name}: the column appears twice");
        }
        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var m in missing) errors.Add($"{file}:{header.Line}: {m}: the column is missing from the header");
        if (missing.Count > 0) return null;
        return (header, columns);
    }

    private static List<OpeningRecord> ParseOpenings(string csv, List<string> errors, HashSet<string> ids)
    {
        var result = new List<OpeningRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows(OpeningsFile, csv, OpeningColumns, errors))
        {
            var id = row.UniqueId("opening_id", seen);
            ids.Add(id);
            var pref = row.Prefecture("prefecture_code");
            var org = row.Raw("org_code").Trim();
            switch (LocalGovernmentCode.Check(org))
            {
                case CodeCheck.Valid:
                    if (Prefectures.IsValid(pref) && !org.StartsWith(pref, StringComparison.Ordinal))
                        row.Error("org_code", $"'{org}' belongs to prefecture {org[..2]}, not {pref}");
                    break;
                case CodeCheck.NotSixDigits: row.Error("org_code", $"'{org}' is not 6 digits"); break;
                case CodeCheck.UnknownPrefecture: row.Error("org_code", $"'{org}' does not start with a prefecture code 01–47"); break;
                default: row.Error("org_code", $"'{org}' has a wrong check digit"); break;
            }
            var role = row.Code("role", MatchingTaxonomy.Roles, "role");
            var engagement = row.Code("engagement", MatchingTaxonomy.Engagements, "engagement");
            var term = row.Int("term_months", 1);
            var pay = row.Long("pay_yen", 0);
            var unit = row.Raw("pay_unit").Trim();
            if (!PayUnitCodes.Contains(unit)) row.Error("pay_unit", $"'{unit}' is not one of {string.Join(", ", PayUnitCodes)}");
            var tax = row.Bool("pay_tax_included");
            var days = row.Decimal("days_per_week", 0, true, 5);
            var onsite = row.Decimal("onsite_days_per_month", 0, false, 31);
            var required = row.CodeList("required_skills", MatchingTaxonomy.Skills, "skill");
            var preferred = row.CodeList("preferred_skills", MatchingTaxonomy.Skills, "skill");
            foreach (var both in required.Intersect(preferred)) row.Error("preferred_skills", $"'{both}' is already a required skill");
            var pub = row.Bool("public_sector_experience_required");
            var cert = row.Bool("certified_cio_only");
            if (row.Ok)
            {
                result.Add(new OpeningRecord(id, org, pref, role, engagement, term, pay, unit, tax, days, onsite, required, preferred,
                    pub, cert, row.Text("title"), row.Text("description")));
            }
        }
        return result;
    }

    private static List<ExpertRecord> ParseExperts(string csv, List<string> errors, HashSet<string> ids)
    {
        var result = new List<ExpertRecord>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in Rows(ExpertsFile, csv, ExpertColumns, errors))
        {
            var id = row.UniqueId("expert_id", seen);
            ids.Add(id);
            if (ParseExpert(row, id) is { } expert) result.Add(expert);
        }
        return result;
    }

    /// <summary>Everything of an expert's row after its id; null when the row has a problem (reported to the row).</summary>
    private static ExpertRecord? ParseExpert(Row row, string id)
    {
        var pref = row.Prefecture("home_prefecture_code");
        var skills = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in row.Items("skills"))
        {
            var colon = item.LastIndexOf(':');
            if (colon <= 0)
            {
                row.Error("skills", $"'{item}' is not code:years");
                continue;
            }
            var code = item[..colon].Trim();
            var yearsText = item[(colon + 1)..].Trim();
            if (MatchingTaxonomy.SkillIndex(code) < 0) row.Error("skills", $"'{code}' is not a known skill code");
            else if (!int.TryParse(yearsText, NumberStyles.None, CultureInfo.InvariantCulture, out var skillYears))
                row.Error("skills", $"'{item}': years '{yearsText}' is not a whole number ≥ 0");
            else if (!skills.TryAdd(code, skillYears)) row.Error("skills", $"'{code}' is listed twice");
        }
        var certs = row.CodeList("certifications", MatchingTaxonomy.Certifications, "certification");
        var years = row.Int("years_experience", 0);
        var pubYears = row.Int("public_sector_years", 0);
        var avail = row.Decimal("available_days_per_week", 0, true, 5);
        var onsite = row.Decimal("max_onsite_days_per_month", 0, false, 31);
        var rate = row.Long("desired_day_rate_yen", 0);
        var accepts = row.CodeList("accepts_engagements", MatchingTaxonomy.Engagements, "engagement");
        var certified = row.Bool("certified_cio");
        return row.Ok
            ? new ExpertRecord(id, pref, skills, certs, years, pubYears, avail, onsite, rate, accepts, certified, row.Text("summary"), Array.Empty<string>())
            : null;
    }

    private static List<OutcomeRecord> ParseOutcomes(string csv, List<string> errors, HashSet<string> openingIds, Func<string, bool> isExpert)
    {
        // Ids are checked against every id in the files, including rows rejected for other reasons,
        // so one problem is not reported twice.
        var result = new List<OutcomeRecord>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in Rows(OutcomesFile, csv, OutcomeColumns, errors))
        {
            var o = row.Id("opening_id");
            var x = row.Id("expert_id");
            if (o.Length > 0 && !openingIds.Contains(o)) row.Error("opening_id", $"'{o}' is not in {OpeningsFile}");
            if (x.Length > 0 && !isExpert(x)) row.Error("expert_id", $"'{x}' is not in {ExpertsFile}");
            var stage = row.Code("stage", MatchingTaxonomy.Stages, "stage");
            if (o.Length > 0 && x.Length > 0 && !seen.TryAdd((o, x), row.Line))
                row.Error("expert_id", $"'{x}' already has an outcome for '{o}' on line {seen[(o, x)]}");
            if (row.Ok) result.Add(new OutcomeRecord(o, x, stage));
        }
        return result;
    }
}
