namespace Fengqiao.Data.Security;

/// <summary>
/// A personal value as stored: the ciphertext (only a role that may see it decrypts it), a keyed hash to find equal
/// values without decrypting (blind index), and the masked form that lists and exports show.
/// </summary>
public readonly record struct ProtectedValue(string Cipher, string Index, string Masked);
