// Namespaces most files of this project use, imported once here (as in eShop) instead of at the top of every file.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Marketplace.Data.Entities;
