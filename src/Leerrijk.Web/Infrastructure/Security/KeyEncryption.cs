using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Where the certificate that encrypts the Data Protection keys at rest comes from. Configurable under <c>DataProtection</c>.</summary>
public sealed class KeyEncryptionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; empty leaves the keys unencrypted in the database.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates used before, still needed to read keys written under them while they are rotated out.</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];
}

/// <summary>Encrypts the Data Protection keys with the host's certificate when one is configured.</summary>
public static class KeyEncryption
{
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyEncryptionOptions.Section).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return;
        }

        var current = Load(options.CertificatePath, options.CertificatePassword);
        var previous = options.PreviousCertificatePaths.Select(path => Load(path, options.CertificatePassword));
        dataProtection.ProtectKeysWithCertificate(current);
        // Decryption looks certificates up in the machine's store by default, which on Linux holds none of
        // ours; naming them here makes reading keys work wherever the files are.
        dataProtection.UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath points at {path}, which does not exist. Give the path of a .pfx file with a private key, or leave the setting empty.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in {path} has no private key; Data Protection needs it to read its keys back.");
        }

        return certificate;
    }
}
