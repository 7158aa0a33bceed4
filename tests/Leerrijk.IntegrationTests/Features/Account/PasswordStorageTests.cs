using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;

namespace Leerrijk.IntegrationTests.Features.Account;

/// <summary>
/// The test fixtures hash passwords with few PBKDF2 rounds to save time (LeerrijkAppFactory.PasswordHashIterations);
/// the app itself must keep Identity's default, which is what makes a stolen hash slow to guess.
/// </summary>
public sealed class PasswordStorageTests(PasswordStorageTests.AppAsShipped shipped, LeerrijkAppFactory tests)
    : IClassFixture<PasswordStorageTests.AppAsShipped>, IClassFixture<LeerrijkAppFactory>
{
    // KeyDerivationPrf.HMACSHA512 as Identity's version 3 hash records it.
    private const int KeyDerivationPrfSha512 = 2;

    public sealed class AppAsShipped : LeerrijkAppFactory
    {
        protected override int? PasswordHashIterations => null;
    }

    [Fact]
    public async Task The_app_stores_passwords_with_at_least_100000_PBKDF2_rounds_of_HMAC_SHA512()
    {
        var user = await shipped.CreateUserAsync();

        var (prf, iterations) = Parameters(user.PasswordHash!);

        Assert.Equal(KeyDerivationPrfSha512, prf);
        Assert.Equal(new PasswordHasherOptions().IterationCount, iterations);
        Assert.True(iterations >= 100_000, $"{iterations} rounds");
    }

    [Fact]
    public async Task Test_fixtures_use_their_own_lower_count_and_log_in_with_it()
    {
        var user = await tests.CreateUserAsync();

        Assert.Equal(1_000, Parameters(user.PasswordHash!).Iterations);
        var response = await tests.CreateBrowserClient().PostFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = LeerrijkAppFactory.Password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    // Identity's version 3 format: 0x01, then the PRF, the round count and the salt length, each 4 bytes big-endian.
    private static (int Prf, int Iterations) Parameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5)));
    }
}
