using Fengqiao.Core.Cases.Intake;
using NodaTime;

namespace Fengqiao.Core.People;

/// <summary>
/// The masked forms shown to everyone who may not see the whole value (脱敏). Stored beside the encrypted value, so
/// lists, ledgers and exports never need to decrypt anything.
/// </summary>
public static class PersonalDataMask
{
    /// <summary>110105********1234 for a valid number; anything else keeps nothing but its length class.</summary>
    public static string IdNumber(string value) =>
        ResidentIdNumber.TryParse(value, LocalDate.MaxIsoValue, out var id, out _) ? id.Masked : "******";

    /// <summary>138****5678, or area code and last four digits of a landline.</summary>
    public static string Phone(string value) =>
        PhoneNumber.TryParse(value, out var phone, out _) ? phone.Masked : "****";
}
