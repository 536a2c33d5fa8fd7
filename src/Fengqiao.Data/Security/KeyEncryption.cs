using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Fengqiao.Data.Security;

/// <summary>
/// The Data Protection keys live in the database beside the data they protect; in production they must themselves
/// be encrypted, with a certificate the database does not hold (DataProtection:CertificatePath / :CertificatePassword).
/// Without one, keys are stored in clear and only the database's own access control protects the personal data.
/// </summary>
public static class KeyEncryption
{
    public static void Configure(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        builder.ProtectKeysWithCertificate(certificate);
    }
}
