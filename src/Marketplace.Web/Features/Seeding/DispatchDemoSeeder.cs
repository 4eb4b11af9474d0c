namespace Marketplace.Web.Features.Seeding;

/// <summary>
/// Demo data of the dispatch programme, dated from today so that a whole round can be walked in the browser:
/// an open round of the current programme year, certified CIOs (the demo experts whose profile carries the flag
/// get a real certification with completed training), 米原市 ready to host, 大洲市 half-way (training done,
/// checklist not yet), 内子町 not started.
/// </summary>
public sealed class DispatchDemoSeeder(MarketplaceDbContext db, TimeProvider clock)
{
    public const string RoundName = "認定CIO派遣制度 募集";

    public async Task SeedAsync(Dictionary<string, Organization> orgs, CancellationToken ct = default)
    {
        if (await db.DispatchRounds.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DisplayFormatter.TodayInJapan(clock);

        var result = today.AddDays(50);
        var start = new DateOnly(result.Year, result.Month, 1).AddMonths(1);
        var year = IncentiveCalculator.FiscalYearOf(start);
        db.DispatchRounds.Add(new DispatchRound
        {
            FiscalYear = year,
            Name = $"{RoundName}（{DispatchText.FiscalYear(year)}）",
            RequestOpensOn = today.AddDays(-14),
            RequestClosesOn = today.AddDays(30),
            MatchingEndsOn = today.AddDays(45),
            ResultDate = result,
            DispatchStartsOn = start,
            MinTermMonths = 6,
            MaxTermMonths = 24,
            MaxTotalMonths = 36,
            AllowFullTime = true,
            AllowPartTime = true,
            EligibleKinds = ["city", "town", "village"],
            MaxPopulation = 100_000,
            BudgetYen = 300_000_000,
            TaxCapPerYearYen = 5_000_000,
            ReadinessSubsidyYen = 1_000_000,
            Bands = [new() { FromIndex = 0, RatePercent = 80 }, new() { FromIndex = 0.4, RatePercent = 70 }, new() { FromIndex = 0.7, RatePercent = 50 }],
            CreatedAt = now,
            UpdatedAt = now,
        });

        var cioModules = await db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Cio).Select(m => m.Id).ToListAsync(ct);
        var hostModules = await db.TrainingModules.Where(m => m.Course!.Audience == TrainingAudience.Host).Select(m => m.Id).ToListAsync(ct);
        var flagged = await db.ExpertProfiles.Where(p => p.CertifiedCio && p.UserId != null).OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var p in flagged)
        {
            var application = new CertificationApplication
            {
                ExpertProfileId = p.Id, Status = CertificationApplicationStatus.Certified,
                CareerEvidence = "民間企業および自治体でのDX推進の経験（デモ）", SkillsEvidence = "情報戦略、調達、セキュリティ（デモ）",
                References = "デモ推薦者", SubmittedAt = now.AddDays(-200), ReviewedAt = now.AddDays(-190),
            };
            db.CertificationApplications.Add(application);
            foreach (var m in cioModules)
            {
                db.TrainingCompletions.Add(new TrainingCompletion { ModuleId = m, ExpertProfileId = p.Id, PersonName = p.FullName, CompletedOn = today.AddDays(-185), RecordedAt = now.AddDays(-185) });
            }
            var certification = new Certification
            {
                ExpertProfileId = p.Id, ValidFrom = today.AddDays(-180), ValidUntil = today.AddDays(-180).AddYears(3),
            };
            certification.Events.Add(new CertificationEvent { Kind = CertificationEventKind.Certified, ValidUntil = certification.ValidUntil, At = now.AddDays(-180) });
            db.Certifications.Add(certification);
            await db.SaveChangesAsync(ct);
            certification.ApplicationId = application.Id;
        }

        var maibara = orgs["252140"];
        var ozu = orgs["382078"];
        foreach (var m in hostModules)
        {
            db.TrainingCompletions.Add(new TrainingCompletion { ModuleId = m, OrganizationId = maibara.Id, PersonName = "米原 一郎", CompletedOn = today.AddDays(-20), RecordedAt = now.AddDays(-20) });
            db.TrainingCompletions.Add(new TrainingCompletion { ModuleId = m, OrganizationId = ozu.Id, PersonName = "大洲 花子", CompletedOn = today.AddDays(-10), RecordedAt = now.AddDays(-10) });
        }
        db.HostReadiness.Add(new HostReadiness
        {
            OrganizationId = maibara.Id, CioName = "副市長（デモ）", SupportStaff = "デジタル推進課 米原 一郎、同課 2名",
            DecisionRights = "DX推進計画の立案とベンダー調達の仕様について、副市長への直接提案と決裁前協議の権限を持つ。", UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
