# The shared contract: the same commands, typed as a person types them, on each of the four platforms. Where a
# platform lacks something (upload tokens, tags, a filter, a privacy), the test asserts that the module refuses it by
# name, never that it is skipped or silently ignored.

BeforeDiscovery {
    # One row per platform (Platforms.psd1): what it can do, what it refuses, and how the Sandbox seeds and delays it.
    $Platforms = (Import-PowerShellDataFile -LiteralPath "$PSScriptRoot/Platforms.psd1").Platforms
}

Describe 'Contract on <Provider>' -ForEach $Platforms {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        # Copy records of this Describe's own: the Sandbox hands out the same ids again after a reset.
        $previousState = $env:VIDEOPLATFORMS_STATE_DIR
        $env:VIDEOPLATFORMS_STATE_DIR = Join-Path $TestDrive state
        # The copy destination first, so the platform under test ends up as the session's default connection.
        $destination = Connect-SandboxPlatform $CopyTo -PassThru
        $connection = Connect-SandboxPlatform $Provider -PassThru
        $small = New-TestVideoFile -Path (Join-Path $TestDrive "small-$Provider.mp4") -Size 96KB -Seed $Number
        $video = Send-Video -Path $small.FullName -Title "contract-$Provider"

        # Makes the Sandbox take 10 minutes to process each video (-Off: no time), so a fresh upload stays Processing
        # until the test says otherwise. The Sandbox applies its current delay whenever it is asked for a status.
        function Set-ProcessingDelay([switch] $Off) {
            $settings = @{}
            foreach ($key in $Delay.Keys) { $settings[$key] = if ($Off) { 0 } else { $Delay[$key] } }
            Set-SandboxConfig $Provider $settings
        }
    }

    AfterAll { $env:VIDEOPLATFORMS_STATE_DIR = $previousState }

    It 'connects and becomes the default connection' {
        $connection.Provider | Should -Be $Provider
        $connection.BaseUri | Should -Be $SandboxPlatforms[$Provider].BaseUri
        $connection.CanManageVideos | Should -BeTrue
        (Get-VideoProvider -Default).Name | Should -Be $Provider
        (Get-VideoProvider -Name $CopyTo).Provider | Should -Be $CopyTo
    }

    It 'uploads a small file byte for byte (SHA-256)' {
        $video.Provider | Should -Be $Provider
        $video.Title | Should -Be "contract-$Provider"
        $video.Path | Should -Be $small.FullName
        $stored = Get-SandboxVideo $Provider $video.Id
        $stored.size | Should -Be $small.Length
        $stored.sha256 | Should -Be (Get-Sha256 $small.FullName)
    }

    It 'uploads a multi-chunk file byte for byte, or refuses -ChunkSize where uploads are one request' {
        if ($ChunkSize) {
            $large = New-TestVideoFile -Path (Join-Path $TestDrive large.mp4) -Size ($ChunkSize * 2 + 12345) -Seed 40
            $null = Invoke-SandboxAdmin -Path requests -Method Delete
            $uploaded = Send-Video -Path $large.FullName -ChunkSize $ChunkSize -Title "large-$Provider"
            $stored = Get-SandboxVideo $Provider $uploaded.Id
            $stored.sha256 | Should -Be (Get-Sha256 $large.FullName)
            # Three pieces: two whole chunks and the rest.
            if ($ChunkCount -eq 'StoredChunks') { $stored.chunkCount | Should -Be 3 }
            else { @(Invoke-SandboxAdmin "requests?platform=$Admin" | ForEach-Object { $_ } | Where-Object { $_.method -eq 'PATCH' -and $_.path -like '/tus/*' }).Count | Should -Be 3 }
        }
        else {
            { Send-Video -Path $small.FullName -ChunkSize 5MB -ErrorAction Stop } | Should -Throw -ErrorId "ParameterNotSupported,*"
            $large = New-TestVideoFile -Path (Join-Path $TestDrive large.mp4) -Size 3MB -Seed 40
            $uploaded = Send-Video -Path $large.FullName -Title "large-$Provider"
            (Get-SandboxVideo $Provider $uploaded.Id).sha256 | Should -Be (Get-Sha256 $large.FullName)
        }
    }

    It 'gets a video by id, and says which id it cannot find' {
        $read = Get-Video -Id $video.Id
        $read.Id | Should -Be $video.Id
        $read.Title | Should -Be "contract-$Provider"
        $read.Status | Should -Be Ready
        $read.Connection.Name | Should -Be $Provider
        $missing = Get-Video -Id nosuchvideo0000 -ErrorAction SilentlyContinue -ErrorVariable failed
        $missing | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'VideoNotFound,*'
        $failed[0].TargetObject | Should -Be nosuchvideo0000
    }

    It 'lists with -First and -Skip as pages of the whole listing' {
        Add-SandboxSeed $Provider -Count 4 -Prefix Seeded
        $all = @(Get-Video)
        $all.Count | Should -BeGreaterOrEqual 5
        @(Get-Video -First 2).Id | Should -Be $all[0..1].Id
        @(Get-Video -Skip 1 -First 3).Id | Should -Be $all[1..3].Id
        @(Get-Video -Skip $all.Count) | Should -BeNullOrEmpty
    }

    Context 'Get-Video -<Filter>' -ForEach @(foreach ($filter in 'Title', 'Tag', 'Metadata', 'Status', 'User') {
            $refusal = $Filters[$filter]
            @{ Filter = $filter; Refusal = $refusal; Outcome = if ($refusal) { "is refused with $refusal, before anything is sent" } else { 'lists only the videos that match' } }
        }) {
        It '<Outcome>' {
            if ($Refusal) {
                $arguments = @{ Title = @{ Title = 'x' }; Tag = @{ Tag = 'x' }; Metadata = @{ Metadata = @{ k = 'x' } }; Status = @{ Status = 'Ready' }; User = @{ User = 'someone' } }[$Filter]
                $null = Invoke-SandboxAdmin -Path requests -Method Delete
                { Get-Video @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$Refusal,*"
                @(Invoke-SandboxAdmin "requests?platform=$($SandboxPlatforms[$Provider].Admin)" | ForEach-Object { $_ }) | Should -BeNullOrEmpty
                return
            }
            switch ($Filter) {
                'Title' {
                    $a = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive t1.mp4) -Seed 11).FullName -Title 'filter-alpha'
                    $b = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive t2.mp4) -Seed 12).FullName -Title 'filter-beta'
                    $found = @(Get-Video -Title filter-alpha)
                    $found.Id | Should -Contain $a.Id
                    $found.Id | Should -Not -Contain $b.Id
                    $found.Title | Should -Not -Contain 'filter-beta'
                }
                'Tag' {
                    $a = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive g1.mp4) -Seed 13).FullName -Tag red, blue
                    $b = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive g2.mp4) -Seed 14).FullName -Tag red
                    @(Get-Video -Tag red).Id | Should -Contain $b.Id
                    $both = @(Get-Video -Tag red, blue)
                    $both.Id | Should -Be @($a.Id)
                }
                'Metadata' {
                    $a = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive m1.mp4) -Seed 15).FullName -Metadata @{ team = 'north' }
                    $b = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive m2.mp4) -Seed 16).FullName -Metadata @{ team = 'south' }
                    @(Get-Video -Metadata @{ team = 'north' }).Id | Should -Be @($a.Id)
                }
                'Status' {
                    # The Sandbox fails one video's processing on request: a state no timing decides.
                    $failedVideo = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive s1.mp4) -Seed 17).FullName
                    $null = Invoke-SandboxAdmin -Path "$($SandboxPlatforms[$Provider].Admin)/videos/$($failedVideo.Id)/fail-processing" -Method Post
                    $ready = @(Get-Video -Status Ready)
                    $ready.Id | Should -Contain $video.Id
                    $ready.Id | Should -Not -Contain $failedVideo.Id
                    @(Get-Video -Status Failed).Id | Should -Be @($failedVideo.Id)
                }
                'User' {
                    # BigGo: another user's channel shows only their public videos.
                    $theirs = @(Get-Video -User sandbox-biggo-creator)
                    $theirs.Count | Should -Be 23
                    $theirs.Privacy | Sort-Object -Unique | Should -Be Public
                }
            }
        }
    }

    It 'changes only what Set-Video is given' {
        $changed = Set-Video -Id $video.Id -Title 'renamed' -Description 'said so' -PassThru
        $changed.Title | Should -Be 'renamed'
        $changed.Description | Should -Be 'said so'
        (Get-Video -Id $video.Id).Title | Should -Be 'renamed'
        $null = Set-Video -Id $video.Id -Title 'kept' -WhatIf
        (Get-Video -Id $video.Id).Title | Should -Be 'renamed'
    }

    It 'sets each privacy it has, and refuses the ones it lacks' {
        foreach ($privacy in 'Public', 'Unlisted', 'Private') {
            if ($privacy -in $Privacies) { (Set-Video -Id $video.Id -Privacy $privacy -PassThru).Privacy | Should -Be $privacy }
            else { { Set-Video -Id $video.Id -Privacy $privacy -ErrorAction Stop } | Should -Throw -ErrorId "$($Refuses.Privacy),*" }
        }
    }

    It 'sets tags and metadata, or refuses them by name' {
        if ($Refuses.Tags) { { Set-Video -Id $video.Id -Tag a -ErrorAction Stop } | Should -Throw -ErrorId "$($Refuses.Tags),*" }
        else { (Set-Video -Id $video.Id -Tag a, b -PassThru).Tags | Should -Be @('a', 'b') }
        if ($Refuses.Metadata) { { Set-Video -Id $video.Id -Metadata @{ k = 'v' } -ErrorAction Stop } | Should -Throw -ErrorId "$($Refuses.Metadata),*" }
        else { (Get-Video -Id (Set-Video -Id $video.Id -Metadata @{ k = 'v' } -PassThru).Id).Metadata['k'] | Should -Be 'v' }
    }

    It 'removes nothing with -WhatIf, and removes with -Confirm:$false and with -Force' {
        $a = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive r1.mp4) -Seed 21).FullName
        $b = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive r2.mp4) -Seed 22).FullName
        Remove-Video -Id $a.Id -WhatIf
        $a | Remove-Video -Force -WhatIf
        (Get-Video -Id $a.Id).Id | Should -Be $a.Id
        Remove-Video -Id $a.Id -Confirm:$false
        $b | Remove-Video -Force
        foreach ($gone in $a, $b) {
            Get-Video -Id $gone.Id -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'VideoNotFound,*'
        }
    }

    It 'makes, reads and removes upload tokens, or refuses them by name' {
        if (-not $UploadTokens) {
            { New-UploadToken -TimeToLive 600 -ErrorAction Stop } | Should -Throw -ErrorId "UploadTokensNotSupported,*"
            { Get-UploadToken -ErrorAction Stop } | Should -Throw -ErrorId "UploadTokensNotSupported,*"
            { Remove-UploadToken -Token abcdefgh -Force -ErrorAction Stop } | Should -Throw -ErrorId "UploadTokensNotSupported,*"
            return
        }
        $token = New-UploadToken -TimeToLive 600
        $token.Provider | Should -Be $Provider
        $token.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-UploadToken -Token $token.Token).Token | Should -Be $token.Token
        if ($CanListTokens) { @(Get-UploadToken).Token | Should -Contain $token.Token }
        else { { Get-UploadToken -ErrorAction Stop } | Should -Throw -ErrorId "UploadTokenListingNotSupported,*" }
        if ($UploadsWithToken) {
            # Whoever holds the token uploads without the key.
            $delegated = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive tok.mp4) -Seed 24).FullName -UploadToken $token.Token
            (Get-SandboxVideo $Provider $delegated.Id).uploadToken | Should -Not -BeNullOrEmpty
        }
        Remove-UploadToken -Token $token.Token -Force
        Get-UploadToken -Token $token.Token -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'saves a video to a file byte for byte, and never overwrites without -Force' {
        $target = Join-Path $TestDrive "saved-$Provider.mp4"
        $saved = Save-Video -Id $video.Id -Path $target
        $saved.Path | Should -Be $target
        $saved.Sha256 | Should -Be (Get-Sha256 $small.FullName)
        Get-Sha256 $target | Should -Be (Get-Sha256 $small.FullName)
        { Save-Video -Id $video.Id -Path $target -ErrorAction Stop } | Should -Throw -ErrorId "FileExists,*"
        (Save-Video -Id $video.Id -Path $target -Force).Sha256 | Should -Be $saved.Sha256
    }

    It 'waits for videos: writes the ready one and names the one whose processing failed' {
        $broken = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive w1.mp4) -Seed 25).FullName
        $null = Invoke-SandboxAdmin -Path "$($SandboxPlatforms[$Provider].Admin)/videos/$($broken.Id)/fail-processing" -Method Post
        $ready = $video, $broken | Wait-Video -PollInterval 0.2 -Timeout 60 -ErrorAction SilentlyContinue -ErrorVariable failed
        @($ready).Id | Should -Be @($video.Id)
        $ready.Status | Should -Be Ready
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'VideoProcessingFailed,*'
        "$($failed[0].Exception.Message)" | Should -BeLike "*$($broken.Id)*"
    }

    It 'waits no longer than -Timeout, and names the video still processing' {
        Set-ProcessingDelay
        try {
            $fresh = Send-Video -Path (New-TestVideoFile (Join-Path $TestDrive w2.mp4) -Seed 26).FullName
            (Get-Video -Id $fresh.Id).Status | Should -Be Processing
            $fresh | Wait-Video -PollInterval 0.2 -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable late | Should -BeNullOrEmpty
        }
        finally { Set-ProcessingDelay -Off }
        $late.Count | Should -Be 1
        $late[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        "$($late[0].Exception.Message)" | Should -BeLike "*$($fresh.Id)*Processing*"
    }

    It 'copies a video to <CopyTo> byte for byte, once' {
        $copy = Get-Video -Id $video.Id | Copy-Video -Destination $destination
        $copy.SourceId | Should -Be $video.Id
        $copy.DestinationProvider | Should -Be $CopyTo
        $copy.Sha256 | Should -Be (Get-Sha256 $small.FullName)
        (Get-SandboxVideo $CopyTo $copy.DestinationId).sha256 | Should -Be $copy.Sha256
        $again = Get-Video -Id $video.Id | Copy-Video -Destination $destination
        $again.AlreadyCopied | Should -BeTrue
        $again.DestinationId | Should -Be $copy.DestinationId
    }

    It 'sends a raw request to the platform with the connection''s authentication' {
        $answer = Invoke-VideoProviderRequest -Path ($Raw.Path -replace '\{id\}', $video.Id)
        $value = $answer
        foreach ($name in $Raw.Property -split '\.') { $value = $value.$name }
        "$value" | Should -BeLike "*$($video.Id)*"
    }
}
