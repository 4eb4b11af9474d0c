namespace Marketplace.Web.Pages.Account;

public sealed class RegisterStaffModel(AccountService accounts) : SignUpPage<StaffSignUpInput>
{
    protected override object? CheckEmailValues => new { staff = true };

    protected override Task<ServiceResult> SignUpAsync(CancellationToken ct) => accounts.RequestStaffAccountAsync(Input, ct);
}
