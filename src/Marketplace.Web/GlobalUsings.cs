// Namespaces most files of this project use, imported once here (as in eShop) instead of at the top of every file.
// Where two of them export the same type name (SignInResult: Identity's and Mvc's), the file that uses it names one with a using alias.
global using System.Globalization;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using Marketplace.Data;
global using Marketplace.Data.Configurations;
global using Marketplace.Data.Entities;
global using Marketplace.Matching.Text;
global using Marketplace.Web.Features;
global using Marketplace.Web.Features.Accounts;
global using Marketplace.Web.Features.Applications;
global using Marketplace.Web.Features.Calls;
global using Marketplace.Web.Features.Cases;
global using Marketplace.Web.Features.Dispatch;
global using Marketplace.Web.Features.Notifications;
global using Marketplace.Web.Features.Openings;
global using Marketplace.Web.Features.PublicCache;
global using Marketplace.Web.Features.Security;
global using Marketplace.Web.Features.Taxonomy;
global using Marketplace.Web.Infrastructure;
global using Marketplace.Web.Localization;
