// "Scan with camera" for the check-in desk, wherever the browser has a camera (getUserMedia,
// secure pages only). It reads QR codes with the browser's own BarcodeDetector where there is
// one, and elsewhere (Firefox, Safari, desktop Chrome on Linux and Windows) with jsQR, loaded
// only when the camera starts. Before the page's JavaScript runs nothing renders and staff type
// the code. A code read from a badge fills the badge-code field and submits its form, as if typed.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { normaliseBadgeCode } from '#app/domain/registration/badge-code.ts'

// BarcodeDetector is not in TypeScript's DOM library yet: the part used here.
type BarcodeDetectorInstance = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorInstance
  getSupportedFormats(): Promise<string[]>
}

function barcodeDetectorClass() {
  const candidate: unknown = Reflect.get(window, 'BarcodeDetector')
  return typeof candidate === 'function' ? (candidate as BarcodeDetectorClass) : null
}

const neverChanges = () => () => undefined
const hasCameraApi = () => typeof navigator.mediaDevices?.getUserMedia === 'function'

type QrReader = (video: HTMLVideoElement) => Promise<string[]>

/** The browser's own QR reader where it has one for QR codes; jsQR on a canvas otherwise. */
async function openQrReader(): Promise<QrReader> {
  const Detector = barcodeDetectorClass()
  const formats = Detector ? await Detector.getSupportedFormats().catch(() => []) : []
  if (Detector && formats.includes('qr_code')) {
    const detector = new Detector({ formats: ['qr_code'] })
    return async (video) => (await detector.detect(video).catch(() => [])).map((code) => code.rawValue)
  }
  const { default: jsQR } = await import('jsqr')
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return async (video) => {
    if (!context || video.videoWidth === 0) return []
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    context.drawImage(video, 0, 0)
    const frame = context.getImageData(0, 0, canvas.width, canvas.height)
    const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })
    return code ? [code.data] : []
  }
}

const SCAN_INTERVAL_MS = 200

export function BadgeScanner({ inputId }: { inputId: string }) {
  // False on the server and while hydrating; true in a browser with a camera API (secure pages only).
  const supported = useSyncExternalStore(neverChanges, hasCameraApi, () => false)
  const [scanning, setScanning] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const videoRef = useRef<HTMLVideoElement>(null)
  const startButtonRef = useRef<HTMLButtonElement>(null)
  const stopButtonRef = useRef<HTMLButtonElement>(null)
  const wasScanning = useRef(false)



  // Keyboard users land on the button that undoes what they just did.
  useEffect(() => {
    if (scanning) stopButtonRef.current?.focus()
    else if (wasScanning.current) startButtonRef.current?.focus()
    wasScanning.current = scanning
  }, [scanning])

  useEffect(() => {
    if (!scanning) return
    let stopped = false
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let read: QrReader | null = null

    const scan = async () => {
      const video = videoRef.current
      if (stopped || !video || !read) return
      const codes = await read(video)
      const badgeCode = codes.map((code) => normaliseBadgeCode(code)).find((code) => code !== null)
      if (badgeCode) {
        const input = document.getElementById(inputId)
        if (input instanceof HTMLInputElement) {
          input.value = badgeCode
          input.form?.requestSubmit()
        }
        setScanning(false)
        return
      }
      if (codes.length) setMessage('That QR code is not a badge of this system. Keep scanning, or type the code.')
      timer = setTimeout(scan, SCAN_INTERVAL_MS)
    }

    openQrReader()
      .then((reader) => {
        read = reader
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      })
      .then(async (opened) => {
        stream = opened
        const video = videoRef.current
        if (stopped || !video) {
          // Stopped while the browser was asking for permission: release the camera at once.
          for (const track of opened.getTracks()) track.stop()
          return
        }
        video.srcObject = opened
        await video.play()
        void scan()
      })
      .catch((error: unknown) => {
        if (stopped) return
        setMessage(cameraProblem(error))
        setScanning(false)
      })

    return () => {
      stopped = true
      clearTimeout(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [scanning, inputId])

  if (!supported) return null
  return (
    <div className="scanner">
      {scanning ? (
        <div className="scanner__view">
          <video ref={videoRef} className="scanner__video" muted playsInline aria-hidden="true" />
          <p className="field-hint">Hold the badge’s QR code in front of the camera.</p>
          {/* Escape stops the camera: focus is on this button (the view's only focusable element) while scanning. */}
          <button
            ref={stopButtonRef}
            type="button"
            className="button"
            onClick={() => setScanning(false)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setScanning(false)
            }}
          >
            Stop camera
          </button>
        </div>
      ) : (
        <button
          ref={startButtonRef}
          type="button"
          className="button"
          onClick={() => {
            setMessage(null)
            setScanning(true)
          }}
        >
          Scan with camera
        </button>
      )}
      {message ? (
        <p className="scanner__message" role="status">
          {message}
        </p>
      ) : null}
    </div>
  )
}

function cameraProblem(error: unknown) {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError') return 'Camera access was refused. Allow it in the browser, or type the code.'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Type the code instead.'
  return 'The camera could not be started. Type the code instead.'
}
