using Marketplace.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Configurations;

public sealed class PublicContentChangeConfiguration : IEntityTypeConfiguration<PublicContentChange>
{
    public void Configure(EntityTypeBuilder<PublicContentChange> b)
    {
        b.ToTable("PublicContentChanges");
        b.HasKey(x => x.Id);
    }
}
