using System.Management.Automation;
using VideoPlatforms.Playground;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// ForEach-Object -Parallel: a connection per runspace (two api.video accounts interleaved), and one connection made
/// in the parent and handed in with $using:. Each runspace must see only its own connections, each upload must land
/// in the account of the connection that sent it, and listings must see exactly what they should.
/// </summary>
public sealed class ParallelRunspaceTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private const int Items = 6;

    [Fact]
    public async Task Connection_per_runspace_keeps_accounts_and_defaults_apart()
    {
        for (var i = 1; i <= Items; i++) Ps.NewFile($"par {i}.mp4", 20_000 + i * 1_000, seed: 300 + i);

        var result = Ps.Run("""
            $manifest = $args[0]
            1..6 | ForEach-Object -ThrottleLimit 3 -UseNewRunspace -Parallel {
                Import-Module $using:manifest
                $i = $_
                $key = if ($i % 2) { $using:ApiKey } else { $using:ApiKey2 }
                $null = Connect-VideoProvider -Provider ApiVideo -ApiKey $key -BaseUri $using:ApiVideoUri -Name "runspace-$i"
                $video = Send-Video -Path ([IO.Path]::Combine($using:Work, "par $i.mp4")) -Title "par-$i"
                $listed = @(Get-Video -Title "par-$i")
                [pscustomobject]@{
                    Item = $i; VideoId = $video.Id; VideoConnection = $video.Connection.Name
                    Listed = $listed.Count; ListedId = @($listed.Id) -join ','
                    Connections = @(Get-VideoProvider).Count; Default = (Get-VideoProvider -Default).Name
                }
            }
            """, ModuleLocator.ManifestPath());
        result.AssertNoErrors();

        var rows = result.Output.Select(o => o.Properties.ToDictionary(p => p.Name, p => p.Value?.ToString() ?? "")).ToList();
        Assert.Equal(Items, rows.Count);
        Assert.Equal(Enumerable.Range(1, Items).Select(i => i.ToString()), rows.Select(r => r["Item"]).Order());
        var stored = await Sandbox.ApiVideoVideosAsync();
        foreach (var row in rows)
        {
            var item = int.Parse(row["Item"]);
            // Its own connection only, and it is the default there: nothing leaked in from a sibling runspace.
            Assert.Equal("1", row["Connections"]);
            Assert.Equal($"runspace-{item}", row["Default"]);
            Assert.Equal($"runspace-{item}", row["VideoConnection"]);
            // The listing of that account sees its one video under that title, and it is the one just sent.
            Assert.Equal("1", row["Listed"]);
            Assert.Equal(row["VideoId"], row["ListedId"]);
            var video = Assert.Single(stored, v => v.Str("videoId") == row["VideoId"]);
            Assert.Equal($"par-{item}", video.Str("title"));
            Assert.Equal(item % 2 == 1 ? 1 : 2, video.GetProperty("account").GetInt32());
            Assert.Equal(PsSession.Sha256(Path.Combine(Ps.Work, $"par {item}.mp4")), video.Str("sha256"));
        }
        // Both accounts were used (api.video names no account on the connection; the Sandbox knows), and the parent
        // runspace saw none of the runspaces' connections.
        Assert.Equal(2, stored.Select(v => v.GetProperty("account").GetInt32()).Distinct().Count());
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
        Assert.Equal(Items, stored.Length);
    }

    [Fact]
    public async Task One_shared_connection_passed_with_using_serves_every_runspace()
    {
        for (var i = 1; i <= Items; i++) Ps.NewFile($"shared {i}.mp4", 15_000 + i * 997, seed: 400 + i);
        await Sandbox.PostAsync("_sandbox/apivideo/seed", new { account = 1, count = 5, titlePrefix = "seeded" });

        var result = Ps.Run("""
            $manifest = $args[0]
            $shared = Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name shared -PassThru
            1..6 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:manifest
                $c = $using:shared
                $video = Send-Video -Connection $c -Path ([IO.Path]::Combine($using:Work, "shared $_.mp4")) -Title "shared-$_"
                $all = @(Get-Video -Connection $c)
                [pscustomobject]@{
                    Item = $_; VideoId = $video.Id; Title = $video.Title; Seen = $all.Count
                    SeesOwn = [bool]($all | Where-Object Id -eq $video.Id); Connections = @(Get-VideoProvider).Count
                }
            }
            (Get-Video -Connection $shared).Count
            """, ModuleLocator.ManifestPath());
        result.AssertNoErrors();

        var rows = result.Output.Take(Items).Select(o => o.Properties.ToDictionary(p => p.Name, p => p.Value?.ToString() ?? "")).ToList();
        Assert.Equal(Items + 5, Convert.ToInt32(result.Output[^1].BaseObject));
        foreach (var row in rows)
        {
            Assert.Equal($"shared-{row["Item"]}", row["Title"]);
            Assert.Equal("True", row["SeesOwn"]);
            // Between the 5 seeded videos plus its own, and all of them: never fewer, never more.
            Assert.InRange(int.Parse(row["Seen"]), 6, Items + 5);
            // The shared connection was used, not registered: the runspace's own store stays empty.
            Assert.Equal("0", row["Connections"]);
        }
        var stored = await Sandbox.ApiVideoVideosAsync();
        Assert.Equal(Items, rows.Select(r => r["VideoId"]).Distinct().Count());
        foreach (var row in rows)
        {
            var video = Assert.Single(stored, v => v.Str("videoId") == row["VideoId"]);
            Assert.Equal(PsSession.Sha256(Path.Combine(Ps.Work, $"shared {row["Item"]}.mp4")), video.Str("sha256"));
            Assert.Equal(1, video.GetProperty("account").GetInt32());
        }
    }
}
