# Several workers, no duplicates: N separate pwsh processes (stand-ins for N hosts of Invoke-Command, or N runbook
# workers), each with its own empty upload journal, started at the same moment on the same folder with
# Send-Video -SkipExisting. The platform is the only thing they share, so what keeps each file once is the claim the
# platform enforces or orders (docs/exactly-once.md): Ziggeo's unique key vp-sha256-<hash>, BigGo's refusal of the
# same bytes, and on api.video (nothing unique) the check after the upload, where the video created first wins.

Describe 'Three pwsh workers with empty journals send one folder with -SkipExisting to <Provider> at once<Label>' -ForEach @(
    @{ Provider = 'ApiVideo'; Label = ''; Faults = @() }
    @{ Provider = 'Ziggeo'; Label = ''; Faults = @() }
    @{ Provider = 'BigGo'; Label = ''; Faults = @() }
    # The create's answer lost after the platform acted, twice: create recovery (by attempt id) and the tie-break together.
    @{ Provider = 'ApiVideo'; Label = ', creates answered then dropped'; Faults = @(@{ platform = 'apivideo'; method = 'POST'; pathPattern = '^/videos$'; kind = 'actThenDrop'; times = 2 }) }
    @{ Provider = 'Ziggeo'; Label = ', creates answered then dropped'; Faults = @(@{ platform = 'ziggeo'; method = 'POST'; pathPattern = '^/v1/videos-upload-url$'; kind = 'actThenDrop'; times = 2 }) }
    @{ Provider = 'BigGo'; Label = ', uploads answered then dropped'; Faults = @(@{ platform = 'biggo'; method = 'POST'; pathPattern = '^/api/v1/video/$'; kind = 'actThenDrop'; times = 2 }) }
) {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        $folder = Join-Path $TestDrive 'clips'
        $workers = @(Start-SameFolderWorkers -Provider $Provider -Faults $Faults -Folder $folder -Seed 900 -Command @'
$videos = @(Get-ChildItem -LiteralPath $folder -Filter *.mp4 | Send-Video -SkipExisting -ThrottleLimit 2)
"RESULT videos=$($videos.Count) errors=$($Error.Count) ids=$(($videos.Id | Sort-Object) -join ',')"
'@)
        foreach ($worker in $workers) { $null = $worker.WaitForExit(180000) }
        $logs = foreach ($worker in $workers) { Get-Content -Raw -LiteralPath $worker.Log }
    }

    AfterAll {
        foreach ($worker in $workers) { if (-not $worker.HasExited) { $worker.Kill() } }
        $null = Invoke-SandboxAdmin -Path faults -Method Delete
    }

    It 'every worker ends without an error and writes one video per file' {
        foreach ($log in $logs) {
            $log | Should -Match 'RESULT videos=4 errors=0' -Because "each worker writes a Video for every file, uploaded or found: $log"
        }
    }

    It 'the account holds each file exactly once, and every worker names the same videos' {
        $listed = @(Get-Video)
        $listed.Count | Should -Be 4 -Because "four files, whatever three workers did: $($listed.Title -join ', ')"
        @($listed | Group-Object Title | Where-Object Count -GT 1).Count | Should -Be 0
        $ids = foreach ($log in $logs) { if ($log -match 'ids=(\S*)') { $Matches[1] } }
        @($ids | Sort-Object -Unique).Count | Should -Be 1 -Because 'the workers that did not upload a file returned the video of the one that did'
        $ids[0] | Should -Be ((@($listed.Id) | Sort-Object) -join ',')
    }
}

# The same with Sync-Video: three workers with empty journals sync one folder at once. Each file ends on the account
# once, carrying the folder's markers, and a fourth run afterwards (a fresh journal again) sends no upload request.
Describe 'Three pwsh workers with empty journals Sync-Video one folder to <Provider> at once<Label>' -ForEach @(
    @{ Provider = 'ApiVideo'; Label = ''; Faults = @() }
    @{ Provider = 'Ziggeo'; Label = ''; Faults = @() }
    @{ Provider = 'ApiVideo'; Label = ', creates answered then dropped'; Faults = @(@{ platform = 'apivideo'; method = 'POST'; pathPattern = '^/videos$'; kind = 'actThenDrop'; times = 2 }) }
    @{ Provider = 'Ziggeo'; Label = ', creates answered then dropped'; Faults = @(@{ platform = 'ziggeo'; method = 'POST'; pathPattern = '^/v1/videos-upload-url$'; kind = 'actThenDrop'; times = 2 }) }
) {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        $folder = Join-Path $TestDrive 'clips'
        $workers = @(Start-SameFolderWorkers -Provider $Provider -Faults $Faults -Folder $folder -Seed 950 -Command @'
$results = @(Sync-Video -Path $folder -FolderId shared-clips -ThrottleLimit 2)
"RESULT files=$($results.Count) errors=$($Error.Count) ids=$(($results | Sort-Object RelativePath | ForEach-Object VideoId) -join ',')"
'@)
        foreach ($worker in $workers) { $null = $worker.WaitForExit(180000) }
        $logs = foreach ($worker in $workers) { Get-Content -Raw -LiteralPath $worker.Log }
    }

    AfterAll {
        foreach ($worker in $workers) { if (-not $worker.HasExited) { $worker.Kill() } }
        $null = Invoke-SandboxAdmin -Path faults -Method Delete
    }

    It 'every worker ends without an error and writes one result per file' {
        foreach ($log in $logs) { $log | Should -Match 'RESULT files=4 errors=0' -Because $log }
    }

    It 'the account holds each file exactly once, every worker names the same videos, and a run afterwards sends nothing' {
        $listed = @(Get-Video)
        $listed.Count | Should -Be 4 -Because "four files, whatever three workers did: $($listed.Title -join ', ')"
        @($listed | Where-Object { $_.Metadata.vpSyncFolder -eq 'shared-clips' }).Count | Should -Be 4
        $ids = foreach ($log in $logs) { if ($log -match 'ids=(\S*)') { $Matches[1] } }
        @($ids | Sort-Object -Unique).Count | Should -Be 1 -Because 'a worker that did not upload a file names the video of the one that did'

        $global:VideoPlatformsJournalPath = Join-Path $TestDrive 'journal-after'
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
        $after = @(Sync-Video -Path $folder -FolderId shared-clips)
        Remove-Variable -Name VideoPlatformsJournalPath -Scope Global
        $after.Action | Sort-Object -Unique | Should -Be 'Skip'
        @(Invoke-SandboxAdmin "requests?platform=$($SandboxPlatforms[$Provider].Admin)" | ForEach-Object { $_ } | Where-Object { $_.method -ne 'GET' -and $_.path -notmatch 'auth' }) | Should -BeNullOrEmpty
    }
}
