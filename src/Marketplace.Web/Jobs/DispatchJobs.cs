namespace Marketplace.Web.Jobs;

/// <summary>Clears the certified-CIO flag of profiles whose certification expired overnight (and sets it where valid).</summary>
public sealed class CertificationExpiryJob(CertificationService certification)
{
    public Task Run() => certification.SyncFlagsAsync();
}
