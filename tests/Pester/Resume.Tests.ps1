# A pwsh killed mid-upload (a runbook timeout, a closed terminal, a restart) and the same command run again with
# -Resume: the video the first run made is finished, from what the platform already holds, and no second video is
# made. Ctrl+C inside one session is covered by the xunit suite (tests/VideoPlatforms.Tests/Resume).

BeforeDiscovery {
    # The platforms of the one table (Platforms.psd1) that upload in chunks, with the request that carries the bytes.
    $Chunked = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/Platforms.psd1").Platforms | Where-Object { $_.Resume } | ForEach-Object {
        @{ Provider = $_.Provider; ChunkSize = $_.ChunkSize; BodyMethod = $_.Resume.BodyMethod; BodyPattern = $_.Resume.BodyPattern }
    }
}

Describe 'A pwsh killed mid-upload, then Send-Video -Resume, on <Provider>' -ForEach $Chunked {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        # This Describe's own journal, through the environment so the child pwsh uses it too. (A variable set in
        # BeforeAll, $VideoPlatformsJournalPath, is not what the module's cmdlets see when Pester runs an It.)
        $previousJournal = $env:VIDEOPLATFORMS_JOURNAL
        $env:VIDEOPLATFORMS_JOURNAL = Join-Path $TestDrive journal
        Connect-SandboxPlatform $Provider
        $admin = $SandboxPlatforms[$Provider].Admin
        # Three chunks: the first arrives, the second is held by the Sandbox until the process is killed.
        $big = New-TestVideoFile -Path (Join-Path $TestDrive 'big clip.mp4') -Size ($ChunkSize * 2 + 4321) -Seed 77
        $null = Invoke-SandboxAdmin -Path faults -Method Post -Body @{ platform = $admin; method = $BodyMethod; pathPattern = $BodyPattern; kind = 'delay'; delayMs = 600000; times = 0; skip = 1 }

        $child = Start-TestPwsh -Script @"
. '$PSScriptRoot/Common.ps1'
Connect-SandboxPlatform $Provider
Send-Video -LiteralPath '$($big.FullName)' -ChunkSize $ChunkSize
"@
        # Until the second chunk is being held (the first is then confirmed), or the child has died on its own.
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline -and
            -not (@(Invoke-SandboxAdmin faults) | ForEach-Object { $_ } | Where-Object fired -GE 1)) { Start-Sleep -Milliseconds 100 }
        $diedEarly = $child.HasExited
        $child.Kill($true)
        $child.WaitForExit()
        $null = Invoke-SandboxAdmin -Path faults -Method Delete
        $null = Invoke-SandboxAdmin -Path requests -Method Delete
    }

    AfterAll {
        $env:VIDEOPLATFORMS_JOURNAL = $previousJournal
        $null = Invoke-SandboxAdmin -Path faults -Method Delete
    }

    It 'the killed run left a journal entry naming its unfinished video' {
        $diedEarly | Should -BeFalse -Because "the child pwsh should still be uploading when it is killed; its output: $(Get-Content -Raw $child.Log)"
        $entry = Get-VideoUploadJournal -Path $big.FullName
        $entry.State | Should -Be Uploading
        $entry.VideoId | Should -Not -BeNullOrEmpty
        (Get-SandboxVideo $Provider $entry.VideoId).complete | Should -BeFalse
    }

    It '-Resume finishes that video byte for byte without sending the first chunk again' {
        $entry = Get-VideoUploadJournal -Path $big.FullName
        $video = Send-Video -LiteralPath $big.FullName -ChunkSize $ChunkSize -Resume
        $video.Id | Should -Be $entry.VideoId
        (Get-SandboxVideo $Provider $video.Id).sha256 | Should -Be (Get-Sha256 $big.FullName)
        @(Get-SandboxVideoList $Provider).Count | Should -Be 1
        $sent = @(Invoke-SandboxAdmin "requests?platform=$admin" | ForEach-Object { $_ } | Where-Object { $_.method -eq $BodyMethod -and $_.path -match $BodyPattern })
        ($sent | Measure-Object -Property requestBodyLength -Sum).Sum | Should -BeLessThan $big.Length
        (Get-VideoUploadJournal -Path $big.FullName).State | Should -Be Complete
    }
}
