import Foundation
import JiujinbanApp

exit(await JiujinbanMain.run())
