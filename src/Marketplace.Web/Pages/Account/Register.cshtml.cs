namespace Marketplace.Web.Pages.Account;

public sealed class RegisterModel(AccountService accounts) : SignUpPage<SignUpInput>
{
    protected override Task<ServiceResult> SignUpAsync(CancellationToken ct) => accounts.SignUpAsync(Input, ct);
}
