// Namespaces most files of this project use, imported once here (as in eShop) instead of at the top of every file.
// A namespace that exports a type name another one also exports stays a file-local using.
global using System.Globalization;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using Marketplace.Data;
global using Marketplace.Data.Entities;
global using Marketplace.Web.Infrastructure;
global using Marketplace.Web.Localization;
global using Marketplace.Web.Features;
global using Marketplace.Web.Features.Accounts;
global using Marketplace.Web.Features.Openings;
global using Marketplace.Web.Features.Calls;
global using Marketplace.Web.Features.Dispatch;
global using Marketplace.Web.Features.Notifications;
