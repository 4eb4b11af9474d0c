using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Data;

/// <summary>
/// The one context of the service. Each database provider has a subclass that owns its own
/// migration set (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).
/// </summary>
public abstract class MarketplaceDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Prefecture> Prefectures => Set<Prefecture>();
    public DbSet<VendorCompany> VendorCompanies => Set<VendorCompany>();
    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();
    public DbSet<RecruitmentNotice> Notices => Set<RecruitmentNotice>();
    public DbSet<Opening> Openings => Set<Opening>();
    public DbSet<OpeningSkill> OpeningSkills => Set<OpeningSkill>();
    public DbSet<ExpertProfile> ExpertProfiles => Set<ExpertProfile>();
    public DbSet<ExpertSkill> ExpertSkills => Set<ExpertSkill>();
    public DbSet<CareerEntry> CareerEntries => Set<CareerEntry>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationStageChange> ApplicationStageChanges => Set<ApplicationStageChange>();
    public DbSet<ApplicationMessage> ApplicationMessages => Set<ApplicationMessage>();
    public DbSet<VendorContract> VendorContracts => Set<VendorContract>();
    public DbSet<RankerModel> RankerModels => Set<RankerModel>();
    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();
    public DbSet<MatchingChange> MatchingChanges => Set<MatchingChange>();
    public DbSet<ExpertInvitation> ExpertInvitations => Set<ExpertInvitation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<DigestItem> DigestItems => Set<DigestItem>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SavedSearchAlertItem> SavedSearchAlertItems => Set<SavedSearchAlertItem>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<ProposalCall> ProposalCalls => Set<ProposalCall>();
    public DbSet<CallRole> CallRoles => Set<CallRole>();
    public DbSet<EvaluationCriterion> EvaluationCriteria => Set<EvaluationCriterion>();
    public DbSet<CallAttachment> CallAttachments => Set<CallAttachment>();
    public DbSet<OpeningAttachment> OpeningAttachments => Set<OpeningAttachment>();
    public DbSet<CallQuestion> CallQuestions => Set<CallQuestion>();
    public DbSet<VendorStaffMember> VendorStaffMembers => Set<VendorStaffMember>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalStaffing> ProposalStaffing => Set<ProposalStaffing>();
    public DbSet<ProposalAttachment> ProposalAttachments => Set<ProposalAttachment>();
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();
    public DbSet<EvaluationScore> EvaluationScores => Set<EvaluationScore>();
    public DbSet<DispatchRound> DispatchRounds => Set<DispatchRound>();
    public DbSet<IncentiveBand> IncentiveBands => Set<IncentiveBand>();
    public DbSet<CertificationApplication> CertificationApplications => Set<CertificationApplication>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<CertificationEvent> CertificationEvents => Set<CertificationEvent>();
    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();
    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();
    public DbSet<TrainingCompletion> TrainingCompletions => Set<TrainingCompletion>();
    public DbSet<HostReadiness> HostReadiness => Set<HostReadiness>();
    public DbSet<DispatchRequest> DispatchRequests => Set<DispatchRequest>();
    public DbSet<DispatchRequestHost> DispatchRequestHosts => Set<DispatchRequestHost>();
    public DbSet<DispatchProposal> DispatchProposals => Set<DispatchProposal>();
    public DbSet<CioDispatch> Dispatches => Set<CioDispatch>();
    public DbSet<DispatchEvent> DispatchEvents => Set<DispatchEvent>();
    public DbSet<IncentiveClaim> IncentiveClaims => Set<IncentiveClaim>();
    public DbSet<IncentivePayment> IncentivePayments => Set<IncentivePayment>();
    public DbSet<CaseStudy> Cases => Set<CaseStudy>();
    public DbSet<CaseGovernment> CaseGovernments => Set<CaseGovernment>();
    public DbSet<CaseKpi> CaseKpis => Set<CaseKpi>();
    public DbSet<CasePerson> CasePeople => Set<CasePerson>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<AdviceRequest> AdviceRequests => Set<AdviceRequest>();
    public DbSet<AdviceMessage> AdviceMessages => Set<AdviceMessage>();
    public DbSet<DispatchKpi> DispatchKpis => Set<DispatchKpi>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PublicContentChange> PublicContentChanges => Set<PublicContentChange>();
    public DbSet<PostingCorrection> PostingCorrections => Set<PostingCorrection>();

    /// <summary>Whether the save in progress (or the last one) changes anything anonymous visitors see (so cached pages are stale).</summary>
    public bool PublicContentChangedOnLastSave { get; private set; }
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// The Identity tables this model has: version 3 adds AspNetUserPasskeys (WebAuthn). Identity reads the version
    /// from the application's <see cref="IdentityOptions"/>; <see cref="DataServiceCollectionExtensions.AddMarketplaceData"/>
    /// sets it there, and a context made without an application (dotnet ef, tests) gets it from <see cref="OnConfiguring"/>,
    /// so every model matches the migrations.
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider IdentitySchemaServices = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchema).BuildServiceProvider();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
        {
            optionsBuilder.UseApplicationServiceProvider(IdentitySchemaServices);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (builder.Model.FindEntityType(typeof(IdentityUserPasskey<string>)) is null)
        {
            throw new InvalidOperationException($"The Identity schema must be version {IdentitySchema} (passkeys): set IdentityOptions.Stores.SchemaVersion to MarketplaceDbContext.IdentitySchema.");
        }
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
    }

    /// <summary>The concurrency token of a tracked versioned entity, as a form carries it.</summary>
    public virtual string ConcurrencyTokenOf(IVersioned entity) => entity.Version.ToString("N");

    /// <summary>
    /// Declares the token the user's copy was loaded with: the save then succeeds only if the row still
    /// has it, so an edit based on a stale page is refused instead of overwriting someone else's.
    /// </summary>
    public virtual void ExpectConcurrencyToken(IVersioned entity, string? token) =>
        Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = Guid.TryParse(token, out var g) ? g : Guid.Empty;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var keywords = BeforeSave();
        if (keywords.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        foreach (var sql in KeywordStatements(keywords)) Database.ExecuteSql(sql);
        own?.Commit();
        return n;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var keywords = BeforeSave();
        if (keywords.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // The keyword index changes in the same transaction as the openings it indexes.
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var sql in KeywordStatements(keywords)) await Database.ExecuteSqlAsync(sql, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return n;
    }

    /// <summary>
    /// What every save adds or refuses (audit entries are append-only, matching and public-content changes, versions)
    /// and the keyword rows it must change, all read from one detection of changes. Each <c>ChangeTracker.Entries()</c>
    /// detects changes again over every tracked entity, and six such reads per save made a long-lived context (the
    /// demo seeding, an import) compare every tracked entity seven times a save. The save itself detects once more,
    /// which catches the versions stamped here. A caller that turned automatic detection off keeps it off.
    /// </summary>
    private List<KeywordChange> BeforeSave()
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            RefuseAuditChanges();
            RecordMatchingChanges();
            StampVersions();
            RecordPublicContentChange();
            return KeywordChanges();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Whether this provider keeps the keyword index in a table of its own (SQLite) rather than an index the database maintains.</summary>
    protected virtual bool KeepsKeywordTable => false;

    /// <summary>
    /// Ids of the rows of <paramref name="target"/> whose search text may contain every (normalised) term, from the
    /// keyword index; null when the index cannot narrow them (no term it can use, or no index on this provider). The
    /// caller still applies the exact substring test.
    /// </summary>
    public virtual IQueryable<int>? KeywordCandidates(KeywordTarget target, IReadOnlyCollection<string> terms) => null;

    /// <summary>
    /// Whether queries can test a row against a set of keyword matches held in memory
    /// (<see cref="Sqlite.KeywordMatchSets"/>; SQLite, whose functions run in the app's process).
    /// </summary>
    public virtual bool TestsKeywordMatchSetsInMemory => false;

    /// <summary>An opening or a case whose keyword row must change with this save (its id read after the save for a new row).</summary>
    private sealed record KeywordChange(string Table, object Entity, int IdBefore, bool Deleted);

    private List<KeywordChange> KeywordChanges()
    {
        if (!KeepsKeywordTable) return [];
        var openings = ChangeTracker.Entries<Opening>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted
                || e.State == EntityState.Modified && e.Property(o => o.SearchText).IsModified)
            .Select(e => new KeywordChange(KeywordIndex.SqliteTable, e.Entity, e.Entity.Id, e.State == EntityState.Deleted));
        var cases = ChangeTracker.Entries<CaseStudy>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted
                || e.State == EntityState.Modified && e.Property(c => c.SearchText).IsModified)
            .Select(e => new KeywordChange(KeywordIndex.SqliteCaseTable, e.Entity, e.Entity.Id, e.State == EntityState.Deleted));
        return [.. openings, .. cases];
    }

    private static IEnumerable<FormattableString> KeywordStatements(List<KeywordChange> changes)
    {
        foreach (var change in changes)
        {
            var (id, text) = change.Entity switch
            {
                Opening o => (o.Id, o.SearchText),
                CaseStudy c => (c.Id, c.SearchText),
                _ => throw new InvalidOperationException("No keyword index for " + change.Entity.GetType().Name),
            };
            if (change.Deleted) id = change.IdBefore;
            yield return DeleteKeywords(change.Table, id);
            if (!change.Deleted) yield return InsertKeywords(change.Table, id, text);
        }
    }

    // The table name is one of KeywordIndex's constants, never input; the values are parameters.
    private static FormattableString DeleteKeywords(string table, int id) =>
        FormattableStringFactory.Create($"DELETE FROM \"{table}\" WHERE rowid = {{0}}", id);

    private static FormattableString InsertKeywords(string table, int id, string searchText) =>
        FormattableStringFactory.Create($"INSERT INTO \"{table}\"(rowid, tokens) VALUES ({{0}}, {{1}})", id, KeywordIndex.Tokens(searchText));

    /// <summary>Rebuilds each keyword table from its rows when it does not hold one row per row indexed (after the migration that adds it, or rows written around the app).</summary>
    public async Task EnsureKeywordIndexAsync(CancellationToken ct = default)
    {
        if (!KeepsKeywordTable) return;
        await EnsureKeywordTableAsync(KeywordIndex.SqliteTable, Openings.Select(o => new KeywordRow { Id = o.Id, SearchText = o.SearchText }), ct);
        await EnsureKeywordTableAsync(KeywordIndex.SqliteCaseTable, Cases.Select(c => new KeywordRow { Id = c.Id, SearchText = c.SearchText }), ct);
    }

    // Set by an initialiser, so that EF can filter and order on the projection.
    private sealed class KeywordRow
    {
        public int Id { get; init; }
        public string SearchText { get; init; } = "";
    }

    private async Task EnsureKeywordTableAsync(string table, IQueryable<KeywordRow> rows, CancellationToken ct)
    {
        var indexed = await Database.SqlQuery<int>(FormattableStringFactory.Create($"SELECT count(*) AS \"Value\" FROM \"{table}\"")).SingleAsync(ct);
        if (indexed == await rows.CountAsync(ct)) return;
        await using var tx = await Database.BeginTransactionAsync(ct);
        await Database.ExecuteSqlAsync(FormattableStringFactory.Create($"DELETE FROM \"{table}\""), ct);
        var lastId = 0;
        while (true)
        {
            var batch = await rows.AsNoTracking().Where(o => o.Id > lastId).OrderBy(o => o.Id).Take(1000).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var row in batch) await Database.ExecuteSqlAsync(InsertKeywords(table, row.Id, row.SearchText), ct);
            lastId = batch[^1].Id;
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Keeps SQLite's query planner informed: without table statistics it walks the wrong index of a search (a
    /// filter on day rate read 6,750 wide rows where the prefecture's 190 would do). <c>PRAGMA optimize</c> analyses
    /// the tables whose size changed enough since their last analysis, within a bounded effort; run at start and
    /// hourly. PostgreSQL's autovacuum keeps its own statistics.
    /// </summary>
    public async Task RefreshPlannerStatisticsAsync(CancellationToken ct = default)
    {
        if (Database.IsSqlite()) await Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>The entities public pages (searches, postings, notices, dispatch results, cases) are rendered from.</summary>
    private static readonly HashSet<Type> PublicContentTypes =
    [
        typeof(Opening), typeof(OpeningSkill), typeof(RecruitmentNotice), typeof(Organization), typeof(PostingCorrection),
        typeof(ProposalCall), typeof(CallRole), typeof(EvaluationCriterion), typeof(CallAttachment), typeof(CallQuestion), typeof(OpeningAttachment),
        typeof(DispatchRound), typeof(DispatchRequest), typeof(DispatchRequestHost), typeof(CioDispatch),
        typeof(CaseStudy), typeof(CaseGovernment),
    ];

    // A row in the same transaction as the change, so no instance can see the change without the new version.
    private void RecordPublicContentChange()
    {
        var changed = ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && PublicContentTypes.Contains(e.Metadata.ClrType));
        if (changed && !ChangeTracker.Entries<PublicContentChange>().Any(e => e.State == EntityState.Added))
        {
            PublicContentChanges.Add(new PublicContentChange { ChangedAt = DateTime.UtcNow });
        }
        PublicContentChangedOnLastSave = changed;
    }

    /// <summary>The audit log is append-only: a saved entry is never changed or removed through the app.</summary>
    private void RefuseAuditChanges()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries are append-only.");
            }
        }
    }

    // An app-managed concurrency token: every save of a versioned row writes a new one, so a
    // save based on a stale copy matches no row and fails with DbUpdateConcurrencyException.
    // PostgreSQL uses its own xmin instead and ignores this property.
    protected virtual void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }

    /// <summary>
    /// Adds to this save one <see cref="MatchingChange"/> per profile whose matching data changed, one for changed vendor
    /// contracts (conflicts of interest) and one for a ranker becoming current, so that every instance's expert index
    /// learns of the change from the database, in the same transaction as the change itself.
    /// </summary>
    private void RecordMatchingChanges()
    {
        var now = DateTime.UtcNow;
        var experts = new HashSet<int>();
        var added = new List<ExpertProfile>();
        var removed = new List<int>();
        bool conflicts = false, model = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case ExpertProfile p when entry.State == EntityState.Added:
                    added.Add(p);
                    break;
                case ExpertProfile p when entry.State == EntityState.Deleted:
                    removed.Add(p.Id);
                    break;
                case ExpertProfile p:
                    experts.Add(p.Id);
                    break;
                case ExpertSkill s when s.ExpertProfileId > 0:
                    experts.Add(s.ExpertProfileId);
                    break;
                case VendorContract:
                    conflicts = true;
                    break;
                case RankerModel m when m.IsCurrent || entry.State == EntityState.Modified:
                    model = true;
                    break;
            }
        }
        foreach (var p in added) MatchingChanges.Add(new MatchingChange { Kind = MatchingChangeKind.Expert, Expert = p, CreatedAt = now });
        foreach (var id in removed) MatchingChanges.Add(new MatchingChange { Kind = MatchingChangeKind.Expert, RemovedExpertProfileId = id, CreatedAt = now });
        foreach (var id in experts.Except(removed)) MatchingChanges.Add(new MatchingChange { Kind = MatchingChangeKind.Expert, ExpertProfileId = id, CreatedAt = now });
        if (conflicts) MatchingChanges.Add(new MatchingChange { Kind = MatchingChangeKind.Conflicts, CreatedAt = now });
        if (model) MatchingChanges.Add(new MatchingChange { Kind = MatchingChangeKind.Model, CreatedAt = now });
    }
}
