namespace Fengqiao.Core.Organisations;

/// <summary>How far an account's view reaches. Ordered: a wider kind includes what a narrower one sees.</summary>
public enum ScopeKind
{
    None = 0,
    /// <summary>Only the account's own cases (a resident).</summary>
    Own = 1,
    /// <summary>Cases registered at or handled by the account's unit.</summary>
    Unit = 2,
    /// <summary>The unit's cases and every case located in the unit's division or below.</summary>
    Area = 3,
    /// <summary>Everything (administrators and system processes).</summary>
    All = 4,
}
